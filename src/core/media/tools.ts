import { spawn } from 'node:child_process';
import { AppError } from '../errors.js';

/**
 * A media tool (ffmpeg, ffprobe, pdfinfo, pdftoppm, pdftotext) is not installed. Not the
 * uploader's fault: the installation is incomplete (`.ci/run` and the README name the Debian
 * packages), so it is a 503 with a stable code, never a crash.
 */
export class MediaToolMissingError extends AppError {
  constructor(readonly tool: string) {
    super('media_tool_missing', 503, `${tool} is not installed (apt-get install ffmpeg poppler-utils)`);
  }
}

export interface ToolResult {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/**
 * Runs a tool with an argument array (never a shell string, so no file name is ever
 * interpreted), a time limit and a cap on what it may print. Resolves with the exit code;
 * rejects with MediaToolMissingError when the program does not exist, and with an Error when
 * it runs past `timeoutMs` (it is killed) or prints more than `maxStdout` bytes.
 */
export function runTool(program: string, args: readonly string[], options: { timeoutMs?: number; maxStdout?: number } = {}): Promise<ToolResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxStdout = options.maxStdout ?? 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8' } });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let failure: Error | null = null;
    const timer = setTimeout(() => {
      failure = new Error(`${program} timed out after ${timeoutMs} ms`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxStdout) {
        failure ??= new Error(`${program} printed more than ${maxStdout} bytes`);
        child.kill('SIGKILL');
        return;
      }
      out.push(chunk);
    });
    // Only the end of stderr matters for a log line; keep it bounded.
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new MediaToolMissingError(program) : e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: err });
    });
  });
}
