import { ValidationError } from '../errors.js';
import { runTool } from './tools.js';

/** What ffprobe says about an accepted video. */
export interface VideoInfo {
  readonly durationMs: number;
  readonly width: number;
  readonly height: number;
}

/** Longest accepted video: an educational clip, not a recording of an operation (those are private material). */
export const MAX_VIDEO_SECONDS = 30 * 60;
const MAX_EDGE = 8192;

interface ProbeOutput {
  format?: { format_name?: string; duration?: string };
  streams?: { codec_type?: string; width?: number; height?: number; duration?: string }[];
}

/**
 * Reads a video's container, streams and duration with ffprobe, and refuses what is not a
 * playable MP4/WebM with a video stream of sane size and length (ValidationError
 * 'video_invalid' | 'video_too_long'). MediaToolMissingError when ffprobe is not installed.
 */
export async function probeVideo(path: string, format: 'mp4' | 'webm'): Promise<VideoInfo> {
  const res = await runTool('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '--', path], { timeoutMs: 30_000, maxStdout: 4 * 1024 * 1024 });
  if (res.code !== 0) throw new ValidationError('video_invalid', 'ffprobe could not read it');
  let info: ProbeOutput;
  try {
    info = JSON.parse(res.stdout.toString('utf8')) as ProbeOutput;
  } catch {
    throw new ValidationError('video_invalid', 'ffprobe output');
  }
  const container = info.format?.format_name ?? '';
  const expected = format === 'mp4' ? /(^|,)mp4(,|$)/ : /(^|,)webm(,|$)/;
  if (!expected.test(container)) throw new ValidationError('video_invalid', `container ${container}`);
  const video = info.streams?.find((s) => s.codec_type === 'video');
  if (!video?.width || !video.height || video.width > MAX_EDGE || video.height > MAX_EDGE) throw new ValidationError('video_invalid', 'no usable video stream');
  const seconds = Number(info.format?.duration ?? video.duration ?? NaN);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new ValidationError('video_invalid', 'no duration');
  if (seconds > MAX_VIDEO_SECONDS) throw new ValidationError('video_too_long');
  return { durationMs: Math.round(seconds * 1000), width: video.width, height: video.height };
}

/**
 * Writes a copy of the video without any metadata (container and stream tags such as title,
 * creation time, GPS location, device make and model, encoder; chapters) by copying the
 * streams, never re-encoding: fast, and the picture is exactly what was uploaded. MP4s get
 * their index at the front (faststart) so playback begins before the download ends.
 */
export async function stripVideo(input: string, output: string, format: 'mp4' | 'webm'): Promise<void> {
  const args = [
    '-nostdin', '-v', 'error', '-y', '-i', input,
    '-map', '0:v:0', '-map', '0:a?', '-c', 'copy',
    '-map_metadata', '-1', '-map_metadata:s:v', '-1', '-map_metadata:s:a', '-1', '-map_chapters', '-1',
    '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact',
    ...(format === 'mp4' ? ['-movflags', '+faststart'] : []),
    '-f', format, output,
  ];
  const res = await runTool('ffmpeg', args, { timeoutMs: 10 * 60_000, maxStdout: 1024 * 1024 });
  if (res.code !== 0) throw new ValidationError('video_invalid', 'ffmpeg could not copy it');
}

/**
 * One frame as PNG bytes for the poster: at one second, or in the middle of clips shorter
 * than two seconds. The caller runs it through the image pipeline like any upload.
 */
export async function videoFrame(input: string, durationMs: number): Promise<Buffer> {
  const at = durationMs >= 2000 ? 1 : durationMs / 2000;
  const args = ['-nostdin', '-v', 'error', '-ss', at.toFixed(3), '-i', input, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'];
  const res = await runTool('ffmpeg', args, { timeoutMs: 60_000, maxStdout: 200 * 1024 * 1024 });
  if (res.code !== 0 || res.stdout.length === 0) throw new ValidationError('video_invalid', 'no frame');
  return res.stdout;
}
