import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { markdownToPlainText, renderMarkdown } from './render.js';

const SITE = 'https://sutura.example';

describe('renderMarkdown: raw HTML', () => {
  it('escapes a script tag instead of passing it through', () => {
    const html = renderMarkdown('Hello <script>alert(1)</script>');
    assert.ok(!html.includes('<script>'), html);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), html);
  });

  it('escapes HTML blocks and event-handler attributes', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)>\n\n<div>block</div>');
    assert.ok(!/<img|<div/u.test(html), html);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), html);
  });
});

describe('renderMarkdown: link schemes', () => {
  const refused = [
    ['javascript:', '[x](javascript:alert(1))'],
    ['upper case', '[x](JAVASCRIPT:alert(1))'],
    ['mixed case', '[x](JavaScript:alert(1))'],
    ['leading spaces', '[x](  javascript:alert(1))'],
    ['entity tab', '[x](java&#x09;script:alert(1))'],
    ['entity newline', '[x](java&#x0A;script:alert(1))'],
    ['entity letters', '[x](&#106;avascript:alert(1))'],
    ['entity colon', '[x](javascript&colon;alert(1))'],
    ['percent tab', '[x](java%09script:alert(1))'],
    ['angle brackets with a space', '[x](<java script:alert(1)>)'],
    ['vbscript:', '[x](vbscript:msgbox(1))'],
    ['file:', '[x](file:///etc/passwd)'],
    ['data: html', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['data: image', '[x](data:image/png;base64,iVBORw0KGgo=)'],
    ['reference definition', '[x][r]\n\n[r]: javascript:alert(1)'],
  ] as const;

  for (const [name, source] of refused) {
    it(`renders only the text for ${name}`, () => {
      const html = renderMarkdown(source);
      assert.ok(!html.includes('href'), html);
      assert.ok(!html.includes('<a'), html);
      assert.equal(html, '<p>x</p>\n');
    });
  }

  it('renders a javascript: autolink as text without an anchor', () => {
    const html = renderMarkdown('<javascript:alert(1)>');
    assert.equal(html, '<p>javascript:alert(1)</p>\n');
  });

  it('renders a data: autolink as text without an anchor', () => {
    const html = renderMarkdown('<data:text/html,hi>');
    assert.ok(!html.includes('href'), html);
  });

  it('does not linkify ftp: (not on the allow-list)', () => {
    const html = renderMarkdown('get ftp://files.example/x');
    assert.ok(!html.includes('href'), html);
    assert.ok(html.includes('ftp://files.example/x'), html);
  });

  it('keeps mailto:, tel:, relative paths and fragments', () => {
    assert.equal(renderMarkdown('[m](mailto:office@sutura.example)'), '<p><a href="mailto:office@sutura.example">m</a></p>\n');
    assert.equal(renderMarkdown('[t](tel:+15551234567)'), '<p><a href="tel:+15551234567">t</a></p>\n');
    assert.equal(renderMarkdown('[r](/guides/rhinoplasty)'), '<p><a href="/guides/rhinoplasty">r</a></p>\n');
    assert.equal(renderMarkdown('[r](../risks)'), '<p><a href="../risks">r</a></p>\n');
    assert.equal(renderMarkdown('[f](#recovery)'), '<p><a href="#recovery">f</a></p>\n');
  });

  it('keeps emphasis inside a refused link', () => {
    assert.equal(renderMarkdown('[*x*](javascript:alert(1))'), '<p><em>x</em></p>\n');
  });
});

describe('renderMarkdown: external links', () => {
  it('marks an external link and adds the hidden label', () => {
    const html = renderMarkdown('[FDA](https://www.fda.gov/x)', { siteOrigin: SITE, externalLinkLabel: 'opens another website' });
    assert.equal(
      html,
      '<p><a href="https://www.fda.gov/x" class="external" rel="external noopener noreferrer">FDA' +
        '<span class="visually-hidden"> (opens another website)</span></a></p>\n',
    );
    assert.ok(!html.includes('target'), html);
  });

  it('escapes the label', () => {
    const html = renderMarkdown('[x](https://a.example)', { externalLinkLabel: '<b>&' });
    assert.ok(html.includes('<span class="visually-hidden"> (&lt;b&gt;&amp;)</span></a>'), html);
  });

  it('adds no label when none is given', () => {
    const html = renderMarkdown('[x](http://a.example)');
    assert.equal(html, '<p><a href="http://a.example" class="external" rel="external noopener noreferrer">x</a></p>\n');
  });

  it('treats every absolute http(s) link as external without a site origin', () => {
    assert.ok(renderMarkdown('[x](https://sutura.example/guides)').includes('rel="external'));
  });

  it('does not mark an absolute link to our own origin', () => {
    const html = renderMarkdown('[x](https://sutura.example/guides)', { siteOrigin: `${SITE}/`, externalLinkLabel: 'L' });
    assert.equal(html, '<p><a href="https://sutura.example/guides">x</a></p>\n');
  });

  it('treats another port or scheme as another origin', () => {
    assert.ok(renderMarkdown('[x](http://sutura.example/)', { siteOrigin: SITE }).includes('class="external"'));
    assert.ok(renderMarkdown('[x](https://sutura.example:8443/)', { siteOrigin: SITE }).includes('class="external"'));
  });

  it('treats a protocol-relative link to another host as external', () => {
    const html = renderMarkdown('[x](//evil.example/a)', { siteOrigin: SITE });
    assert.ok(html.includes('rel="external noopener noreferrer"'), html);
  });

  it('does not mark relative links', () => {
    const html = renderMarkdown('[x](/privacy)', { siteOrigin: SITE, externalLinkLabel: 'L' });
    assert.equal(html, '<p><a href="/privacy">x</a></p>\n');
  });

  it('linkifies bare URLs and marks them external', () => {
    const html = renderMarkdown('See www.plasticsurgery.org today.', { siteOrigin: SITE, externalLinkLabel: 'L' });
    assert.ok(html.includes('<a href="http://www.plasticsurgery.org" class="external" rel="external noopener noreferrer">'), html);
    assert.ok(html.includes('www.plasticsurgery.org<span class="visually-hidden"> (L)</span></a>'), html);
  });
});

describe('renderMarkdown: images and headings', () => {
  it('renders an image as its alt text only', () => {
    const html = renderMarkdown('Before ![Nose *before* surgery](https://cdn.example/a.jpg "t") after');
    assert.equal(html, '<p>Before Nose before surgery after</p>\n');
  });

  it('escapes alt text', () => {
    assert.equal(renderMarkdown('![a <b> & c](x.png)'), '<p>a &lt;b&gt; &amp; c</p>\n');
  });

  it('renders an image with a javascript: source as alt text', () => {
    assert.equal(renderMarkdown('![alt](javascript:alert(1))'), '<p>alt</p>\n');
  });

  it('shifts headings so # is h3', () => {
    assert.equal(renderMarkdown('# A'), '<h3>A</h3>\n');
    assert.equal(renderMarkdown('## B'), '<h4>B</h4>\n');
    assert.equal(renderMarkdown('### C'), '<h5>C</h5>\n');
    assert.equal(renderMarkdown('Setext\n======'), '<h3>Setext</h3>\n');
  });

  it('clamps deep headings at h6', () => {
    assert.equal(renderMarkdown('#### D'), '<h6>D</h6>\n');
    assert.equal(renderMarkdown('###### F'), '<h6>F</h6>\n');
  });
});

describe('renderMarkdown: typographer', () => {
  it('uses typographic quotes and dashes', () => {
    assert.equal(renderMarkdown('"Yes" -- she said...'), '<p>“Yes” – she said…</p>\n');
  });
});

describe('markdownToPlainText', () => {
  it('strips markup and separates blocks with a blank line', () => {
    const source = [
      '# Recovery',
      '',
      'Most people return to **work** in [one week](/guides/x).',
      'Swelling fades slowly.',
      '',
      '- Sleep with your head raised',
      '- Avoid *heavy* lifting',
      '',
      '![Photo of a splint](x.jpg)',
    ].join('\n');
    assert.equal(
      markdownToPlainText(source),
      [
        'Recovery',
        '',
        'Most people return to work in one week. Swelling fades slowly.',
        '',
        'Sleep with your head raised',
        '',
        'Avoid heavy lifting',
        '',
        'Photo of a splint',
      ].join('\n'),
    );
  });

  it('keeps raw HTML as literal text (the caller escapes it)', () => {
    assert.equal(markdownToPlainText('a <b>bold</b> &amp; `code`'), 'a <b>bold</b> & code');
  });

  it('keeps the text of refused links and code blocks', () => {
    assert.equal(markdownToPlainText('[click](javascript:alert(1))\n\n```\nx = 1\n```'), 'click\n\nx = 1');
  });

  it('returns an empty string for empty input', () => {
    assert.equal(markdownToPlainText(''), '');
    assert.equal(markdownToPlainText('   \n\n'), '');
  });
});
