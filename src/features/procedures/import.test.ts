import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ValidationError } from '../../core/errors.js';
import { describeImport, importBrochure, type ImportErrorCode, type ImportedGuide } from './import.js';
import type { SectionKind } from './model.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function assertImportError(run: () => unknown, code: ImportErrorCode): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ValidationError, 'a ValidationError');
    assert.equal(error.code, code);
    assert.equal(error.status, 422);
    return true;
  });
}

/** A one-section brochure under a title line, to test how a single heading is read. */
function single(heading: string, body = 'Some plain text about this part of the guide.'): ImportedGuide {
  return importBrochure(`GUIDE\n\n${heading}\n\n${body}\n`);
}

const occurrences = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

const allText = (guide: ImportedGuide): string =>
  [guide.title, ...guide.sections.flatMap((s) => [s.heading, s.body]), ...guide.captions].join('\n');

describe('importBrochure: the scar revision brochure', () => {
  const guide = importBrochure(fixture('scar-revision-brochure.txt'));

  it('takes the first ALL-CAPS line as the title, in title case', () => {
    assert.equal(guide.title, 'Scar Revision');
  });

  it('maps headings to section kinds, scar types staying custom, headings in sentence case', () => {
    assert.deepEqual(
      guide.sections.map((s) => [s.kind, s.heading]),
      [
        ['overview', 'What is scar revision?'],
        ['candidates', 'The best candidates for scar revision'],
        ['custom', 'Types of scars'],
        ['custom', 'Keloids'],
        ['custom', 'Hypertrophic scars'],
        ['custom', 'Contractures'],
        ['risks', 'Risks and uncertainty'],
        ['planning', 'Planning your scar revision'],
        ['preparing', 'Preparing for surgery'],
        ['facility', 'Where will the surgery be performed?'],
        ['anesthesia', 'Anesthesia'],
        ['procedure', 'The surgery'],
        ['recovery', 'Recovery after surgery'],
        ['back-to-normal', 'Getting back to normal'],
        ['results', 'Your new look'],
      ],
    );
  });

  it('keeps the page pasted twice exactly once and counts what it dropped', () => {
    const text = allText(guide);
    assert.equal(guide.sections.filter((s) => s.heading === 'Risks and uncertainty').length, 1);
    assert.equal(guide.sections.filter((s) => s.heading === 'Planning your scar revision').length, 1);
    assert.equal(occurrences(text, 'Every operation carries some risk.'), 1);
    assert.equal(occurrences(text, 'a good plan depends on clear answers'), 1);
    // The repeated title line, two headings and four paragraphs.
    assert.equal(guide.report.duplicatesDropped, 7);
  });

  it('extracts the three caption lines and keeps them out of the bodies', () => {
    assert.deepEqual(guide.captions, [
      'Illustration: a wide, raised scar on the cheek before revision',
      'Before and after removal of a keloid from the earlobe',
      'A tight band across the elbow, released with a Z-plasty',
    ]);
    for (const caption of guide.captions) {
      assert.ok(!guide.sections.some((s) => s.body.includes(caption)), caption);
    }
  });

  it('does not eat short normal paragraphs or a short label inside a section', () => {
    const body = (heading: string): string => guide.sections.find((s) => s.heading === heading)?.body ?? '';
    assert.match(body('The best candidates for scar revision'), /\n\nSmokers heal more slowly\.\n\n/u);
    assert.match(body('The surgery'), /\n\nMost people go home the same day\.$/u);
    assert.match(body('Getting back to normal'), /\n\nProtect the scar from the sun for a year\.$/u);
    assert.match(body('Hypertrophic scars'), /\n\nSteroid injections\n\n/u);
  });

  it('leaves out the website pages after the guide and reports their headings', () => {
    assert.deepEqual(guide.report.trailingPagesLeftOut, ['TERMS OF USE', 'PRIVACY POLICY']);
    const text = allText(guide);
    for (const leftOut of ['By using this website', 'non-commercial', 'We do not sell', 'All rights reserved', 'Home |']) {
      assert.ok(!text.includes(leftOut), leftOut);
    }
  });

  it('summarises the overview at a sentence boundary within 300 characters', () => {
    const overview = guide.sections[0]?.body ?? '';
    assert.ok(overview.split('\n\n')[0]!.length > 300, 'the fixture needs a long first paragraph');
    assert.ok(guide.summary.length <= 300);
    assert.ok(guide.summary.length > 100);
    assert.ok(overview.startsWith(guide.summary));
    assert.match(guide.summary, /improved\.$/u);
  });

  it('reports counts and describes them in English and Spanish', () => {
    assert.deepEqual(guide.report, {
      sections: 15,
      paragraphs: 27,
      captions: 3,
      duplicatesDropped: 7,
      trailingPagesLeftOut: ['TERMS OF USE', 'PRIVACY POLICY'],
    });
    const paragraphs = guide.sections.reduce((n, s) => n + (s.body === '' ? 0 : s.body.split('\n\n').length), 0);
    assert.equal(paragraphs, guide.report.paragraphs);
    assert.equal(
      describeImport(guide.report, 'en'),
      '15 sections, 27 paragraphs, 3 captions; 7 duplicate blocks dropped; left out trailing pages: TERMS OF USE, PRIVACY POLICY',
    );
    assert.equal(
      describeImport(guide.report, 'es'),
      '15 secciones, 27 párrafos, 3 leyendas; 7 bloques duplicados descartados; páginas finales omitidas: TERMS OF USE, PRIVACY POLICY',
    );
  });
});

describe('importBrochure: the necklift brochure (CRLF, hard-wrapped)', () => {
  const raw = fixture('necklift-brochure.txt');
  const guide = importBrochure(raw);
  const body = (kind: SectionKind): string => guide.sections.find((s) => s.kind === kind)?.body ?? '';

  it('is read from a file with CRLF line endings', () => {
    assert.ok(raw.includes('\r\n'));
    assert.ok(!allText(guide).includes('\r'));
    assert.equal(guide.title, 'Necklift');
    assert.equal(guide.sections.length, 11);
    assert.deepEqual(
      guide.sections.map((s) => s.kind),
      ['overview', 'candidates', 'risks', 'planning', 'preparing', 'facility', 'anesthesia', 'procedure', 'recovery', 'back-to-normal', 'results'],
    );
  });

  it('joins hard-wrapped lines into one paragraph', () => {
    assert.equal(
      body('overview').split('\n\n')[0],
      'A necklift is an operation that improves the visible signs of ageing in the jaw line and the neck. ' +
        'It can tighten loose skin, remove extra fat under the chin and firm up the bands of muscle that may appear at ' +
        'the front of the neck over the years.',
    );
  });

  it('rejoins words hyphenated at a line break, keeping real hyphenated words', () => {
    assert.match(body('overview'), /the appearance of the neck/u);
    assert.match(body('anesthesia'), /general anesthesia, chosen/u);
    assert.match(body('procedure'), /the neck muscles, which are tightened and, where needed, reshaped\./u);
    assert.match(body('back-to-normal'), /feel comfortable going out/u);
    assert.match(body('planning'), /agree on a follow-up schedule/u);
  });

  it('keeps bulleted lines as a Markdown list, wrapped items joined', () => {
    assert.equal(
      body('preparing'),
      'Before the operation your surgeon may ask you to:\n\n' +
        '- stop smoking at least six weeks ahead, because smoking slows healing\n' +
        '- avoid aspirin and some herbal supplements that increase bleeding\n' +
        '- arrange for an adult to drive you home and stay with you the first night',
    );
    assert.equal(
      body('recovery'),
      '1. Keep your head raised for the first few days.\n' +
        '2. Use cold packs to ease swelling, as shown to you before you leave.\n' +
        '3. Take pain medicine only as prescribed.',
    );
  });

  it('splits a caption line off the paragraph it was typed under', () => {
    assert.deepEqual(guide.captions, ['Figure 1. Incisions hidden behind the ear and in a small crease under the chin']);
    assert.match(body('procedure'), /lifted and trimmed\.$/u);
  });

  it('uses a short first paragraph whole as the summary', () => {
    assert.equal(guide.summary, body('overview').split('\n\n')[0]);
    assert.equal(describeImport(guide.report, 'en'), '11 sections, 13 paragraphs, 1 caption');
  });
});

describe('importBrochure: a Spanish brochure', () => {
  const guide = importBrochure(fixture('blefaroplastia-folleto.txt'));

  it('reads accented headings, maps Spanish keywords and keeps the case of the first letter', () => {
    assert.equal(guide.title, 'Blefaroplastia');
    assert.deepEqual(
      guide.sections.map((s) => [s.kind, s.heading]),
      [
        ['overview', '¿Qué es la blefaroplastia?'],
        ['candidates', 'Candidatos ideales'],
        ['risks', 'Riesgos y complicaciones'],
        ['planning', 'Planificación de la cirugía'],
        ['preparing', 'Preparación para la cirugía'],
        ['facility', '¿Dónde se realiza la cirugía?'],
        ['anesthesia', 'Anestesia'],
        ['procedure', 'La cirugía'],
        ['recovery', 'Después de la cirugía'],
        ['back-to-normal', 'Vuelta a la normalidad'],
        ['results', 'Resultados'],
      ],
    );
  });

  it('extracts Spanish captions and leaves out the Spanish website pages', () => {
    assert.deepEqual(guide.captions, [
      'Ilustración: incisiones ocultas en el pliegue natural del párpado superior',
      'Antes y después de una blefaroplastia superior',
    ]);
    assert.deepEqual(guide.report.trailingPagesLeftOut, ['AVISO LEGAL', 'POLÍTICA DE PRIVACIDAD']);
    assert.ok(!allText(guide).includes('formularios'));
    assert.match(guide.summary, /^La blefaroplastia es una cirugía de los párpados/u);
    assert.equal(
      describeImport(guide.report, 'es'),
      '11 secciones, 12 párrafos, 2 leyendas; páginas finales omitidas: AVISO LEGAL, POLÍTICA DE PRIVACIDAD',
    );
  });
});

describe('importBrochure: refused input', () => {
  it('refuses prose without a heading (import_no_heading)', () => {
    assertImportError(() => importBrochure(fixture('no-heading.txt')), 'import_no_heading');
  });

  it('refuses empty and whitespace-only text (import_empty)', () => {
    assertImportError(() => importBrochure(''), 'import_empty');
    assertImportError(() => importBrochure(' \n\t\r\n   \n'), 'import_empty');
    assertImportError(() => importBrochure(Buffer.alloc(0)), 'import_empty');
    assertImportError(() => importBrochure(Buffer.from([0xef, 0xbb, 0xbf, 0x0a, 0x20])), 'import_empty');
  });

  it('refuses binary files (import_binary): NUL bytes, invalid UTF-8, control characters', () => {
    assertImportError(() => importBrochure(Buffer.from('SCAR REVISION\n\0\0\0text')), 'import_binary');
    assertImportError(() => importBrochure(Buffer.from([0x53, 0x43, 0xc3, 0x28, 0x0a])), 'import_binary');
    assertImportError(() => importBrochure(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'import_binary');
    const controls = 'TITLE\n\nHEADING\n\n' + 'ab\u0001\u0002\u0003\u0004'.repeat(20);
    assertImportError(() => importBrochure(Buffer.from(controls)), 'import_binary');
    assertImportError(() => importBrochure(controls), 'import_binary');
    assertImportError(() => importBrochure('HEADING\n\nText\u0000'), 'import_binary');
  });

  it('accepts a stray control character or a form feed in otherwise normal text', () => {
    const guide = importBrochure(`GUIDE\n\nANESTHESIA\n\nLocal anesthesia\u0007 is common.\f\nIt numbs the area.\n`);
    assert.equal(guide.sections[0]?.body, 'Local anesthesia is common.\n\nIt numbs the area.');
  });
});

describe('importBrochure: normalisation', () => {
  const reference = 'GUIDE\n\nANESTHESIA\n\nLocal anesthesia numbs the area.\n';

  it('strips a BOM, turns CRLF and CR into LF, collapses spaces and trims', () => {
    const variants = [
      `\uFEFF${reference}`,
      reference.replace(/\n/gu, '\r\n'),
      reference.replace(/\n/gu, '\r'),
      `\n\n   GUIDE  \n\n\tANESTHESIA\t\n\nLocal   anesthesia \t numbs\u00A0 the area.   \n\n\n`,
    ];
    const expected = importBrochure(reference);
    assert.equal(expected.sections[0]?.body, 'Local anesthesia numbs the area.');
    for (const variant of variants) {
      assert.deepEqual(importBrochure(variant), expected);
      assert.deepEqual(importBrochure(Buffer.from(variant, 'utf8')), expected);
    }
  });
});

describe('importBrochure: headings and title', () => {
  it('needs at least two letters, at most twelve words and no final period', () => {
    assertImportError(() => importBrochure('A\n\nSome text here.'), 'import_no_heading');
    assertImportError(
      () => importBrochure('ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE THIRTEEN\n\nText.'),
      'import_no_heading',
    );
    assertImportError(() => importBrochure('DO NOT SMOKE BEFORE SURGERY.\n\nText.'), 'import_no_heading');
    assertImportError(() => importBrochure('Text.\n\n• NO ASPIRIN\n• NO ALCOHOL'), 'import_no_heading');
    const twelve = importBrochure('GUIDE\n\nONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE\n\nText.');
    assert.equal(twelve.sections[0]?.heading, 'One two three four five six seven eight nine ten eleven twelve');
  });

  it('recognises upper case with accents and Ñ', () => {
    const guide = single('ÁREAS QUE SE PUEDEN TRATAR: AÑOS DESPUÉS');
    assert.deepEqual(guide.sections.map((s) => [s.kind, s.heading]), [['custom', 'Áreas que se pueden tratar: años después']]);
  });

  it('derives the title from the first heading when it is followed by text', () => {
    const guide = importBrochure('WHAT IS A FACELIFT?\n\nA facelift tightens the lower face.\n\nRECOVERY\n\nRest.');
    assert.equal(guide.title, 'Facelift');
    assert.deepEqual(guide.sections.map((s) => [s.kind, s.heading]), [['overview', 'What is a facelift?'], ['recovery', 'Recovery']]);
    assert.equal(importBrochure('¿QUÉ ES LA OTOPLASTIA?\n\nUna cirugía de las orejas.').title, 'Otoplastia');
  });

  it('shows the title in title case and keeps "I" capitalised in headings', () => {
    const guide = importBrochure('SCAR REVISION: A GUIDE FOR PATIENTS\n\nWHAT CAN I EXPECT?\n\nText.');
    assert.equal(guide.title, 'Scar Revision: A Guide for Patients');
    assert.equal(guide.sections[0]?.heading, 'What can I expect?');
  });

  it('drops section numbering from displayed headings', () => {
    const guide = importBrochure('1. WHAT IS A NECKLIFT?\n\nText.\n\n2.1 THE SURGERY\n\nMore text.');
    assert.equal(guide.title, 'Necklift');
    assert.deepEqual(guide.sections.map((s) => [s.kind, s.heading]), [['overview', 'What is a necklift?'], ['procedure', 'The surgery']]);
  });

  it('puts text before the first heading at the start of the first section', () => {
    const guide = importBrochure('A short welcome note.\n\nTHE SURGERY\n\nIt takes an hour.');
    assert.equal(guide.title, 'The Surgery');
    assert.equal(importBrochure('WHAT IS THE MINI FACELIFT?\n\nA shorter operation.').title, 'Mini Facelift');
    assert.equal(guide.sections[0]?.body, 'A short welcome note.\n\nIt takes an hour.');
  });
});

describe('importBrochure: section kinds', () => {
  const cases: [string, SectionKind][] = [
    ['WHAT IS BLEPHAROPLASTY?', 'overview'],
    ['OVERVIEW', 'overview'],
    ['INTRODUCTION', 'overview'],
    ['¿QUÉ ES LA RINOPLASTIA?', 'overview'],
    ['ARE YOU A GOOD CANDIDATE?', 'candidates'],
    ['CANDIDATOS', 'candidates'],
    ['RISKS', 'risks'],
    ['POSSIBLE COMPLICATIONS', 'risks'],
    ['RIESGOS', 'risks'],
    ['PLANNING YOUR SURGERY', 'planning'],
    ['YOUR TREATMENT PLAN', 'planning'],
    ['PREPARING FOR THE SURGERY', 'preparing'],
    ['PREPARACIÓN', 'preparing'],
    ['WHERE IS THE PROCEDURE PERFORMED?', 'facility'],
    ['THE SURGICAL FACILITY', 'facility'],
    ['¿DÓNDE SE REALIZA?', 'facility'],
    ['ANESTHESIA', 'anesthesia'],
    ['ANAESTHETIC CHOICES', 'anesthesia'],
    ['ANESTESIA', 'anesthesia'],
    ['THE SURGERY', 'procedure'],
    ['THE PROCEDURE', 'procedure'],
    ['SURGICAL TECHNIQUE', 'procedure'],
    ['EL PROCEDIMIENTO', 'procedure'],
    ['AFTER SURGERY', 'recovery'],
    ['WHAT IS THE RECOVERY LIKE?', 'recovery'],
    ['RECUPERACIÓN', 'recovery'],
    ['GETTING BACK TO NORMAL AFTER SURGERY', 'back-to-normal'],
    ['RETURN TO WORK', 'back-to-normal'],
    ['VUELTA A LA NORMALIDAD', 'back-to-normal'],
    ['RESULTS', 'results'],
    ['YOUR NEW LOOK', 'results'],
    ['RESULTADOS', 'results'],
    ['Z-PLASTY', 'custom'],
    ['FACIAL SCARS', 'custom'],
  ];
  for (const [heading, kind] of cases) {
    it(`${heading} -> ${kind}`, () => {
      const section = single(heading).sections[0];
      assert.equal(section?.kind, kind);
    });
  }

  it('uses each fixed kind once; a second match becomes a custom section with its heading', () => {
    const guide = importBrochure('GUIDE\n\nRISKS\n\nBleeding.\n\nRISKS OF ANESTHESIA\n\nNausea.');
    assert.deepEqual(guide.sections.map((s) => [s.kind, s.heading]), [['risks', 'Risks'], ['custom', 'Risks of anesthesia']]);
  });
});

describe('importBrochure: paragraphs and Markdown', () => {
  it('escapes text that Markdown would otherwise read as markup', () => {
    const guide = single('NOTES', '# of visits: two\n\n1990. was the year *this* began <b>');
    assert.equal(guide.sections[0]?.body, '\\# of visits: two\n\n1990\\. was the year \\*this\\* began \\<b>');
  });

  it('starts a list with the first bullet and continues it with unmarked lines', () => {
    const guide = single('BRING', 'Please bring:\n* your ID\n* a list of\nyour medicines\n+ glasses');
    assert.equal(guide.sections[0]?.body, 'Please bring:\n\n- your ID\n- a list of your medicines\n- glasses');
  });
});

describe('importBrochure: duplicates', () => {
  it('drops a repeated paragraph, compared without case or spacing differences', () => {
    const guide = importBrochure('GUIDE\n\nRECOVERY\n\nKeep the area clean.\n\nRest well.\n\nkeep the   AREA clean.');
    assert.equal(guide.sections[0]?.body, 'Keep the area clean.\n\nRest well.');
    assert.equal(guide.report.duplicatesDropped, 1);
  });

  it('keeps a repeated heading that brings new text (a subsection name used twice)', () => {
    const guide = importBrochure(
      'GUIDE\n\nKELOIDS\n\nThick scars.\n\nTREATMENT\n\nInjections.\n\nCONTRACTURES\n\nTight scars.\n\nTREATMENT\n\nA Z-plasty.',
    );
    assert.deepEqual(guide.sections.map((s) => s.heading), ['Keloids', 'Treatment', 'Contractures', 'Treatment']);
    assert.equal(guide.report.duplicatesDropped, 0);
  });

  it('drops a repeated page even when pasted with a page number and a rule between', () => {
    const page = 'ANESTHESIA\n\nLocal anesthesia numbs the area.\n\nFigure 2: the injection sites';
    const guide = importBrochure(`GUIDE\n\n${page}\n\nPage 2 of 3\n\n* * *\n\n${page}\n\nTHE SURGERY\n\nIt takes an hour.`);
    assert.deepEqual(guide.sections.map((s) => s.heading), ['Anesthesia', 'The surgery']);
    assert.deepEqual(guide.captions, ['Figure 2: the injection sites']);
    assert.equal(guide.report.duplicatesDropped, 3);
  });
});

describe('importBrochure: captions', () => {
  it('recognises labelled and picture-describing lines anywhere in a section', () => {
    const guide = single(
      'THE SURGERY',
      'The surgeon works through small cuts.\n\nDiagram of the incision lines\n\nFigura 3. Incisión en el pliegue\n\nThe stitches come out after a week.',
    );
    assert.deepEqual(guide.captions, ['Diagram of the incision lines', 'Figura 3. Incisión en el pliegue']);
    assert.equal(guide.sections[0]?.body, 'The surgeon works through small cuts.\n\nThe stitches come out after a week.');
  });

  it('takes short unterminated lines standing alone after a section body', () => {
    const guide = single('RESULTS', 'The scar fades over a year.\n\nA patient six months on\n\nThe same patient at one year');
    assert.deepEqual(guide.captions, ['A patient six months on', 'The same patient at one year']);
  });

  it('leaves short sentences and advice that mention before or after as text', () => {
    const body = [
      'After surgery, rest.',
      'Before and after surgery, avoid aspirin.',
      'Smoking slows healing.',
      'Call us before you come',
      'Your incision heals in a week',
    ].join('\n\n');
    const guide = single('RECOVERY', body);
    assert.deepEqual(guide.captions, []);
    assert.equal(guide.sections[0]?.body, body);
  });

  it('needs a section body before an unlabelled line counts as a caption', () => {
    const guide = single('CONTACT DETAILS', 'Our front desk team');
    assert.deepEqual(guide.captions, []);
    assert.equal(guide.sections[0]?.body, 'Our front desk team');
  });
});

describe('importBrochure: trailing website pages', () => {
  it('leaves out a trailing page and everything after it, listing the page headings once', () => {
    const guide = importBrochure(
      'GUIDE\n\nRESULTS\n\nThe scar fades.\n\nDISCLAIMER\n\nEducation only.\n\nSITE MAP\n\nHome\n\nCOPYRIGHT © 2024 THE PRACTICE\n\nDISCLAIMER\n\nEducation only.\n\nCONTACT US\n\nCall us.',
    );
    assert.deepEqual(guide.sections.map((s) => s.heading), ['Results']);
    assert.deepEqual(guide.report.trailingPagesLeftOut, ['DISCLAIMER', 'SITE MAP', 'COPYRIGHT © 2024 THE PRACTICE', 'CONTACT US']);
    assert.equal(guide.report.duplicatesDropped, 0);
  });

  it('does not cut before the first guide section', () => {
    const guide = importBrochure('GUIDE\n\nDISCLAIMER\n\nEducation only.\n\nTHE SURGERY\n\nIt takes an hour.');
    assert.deepEqual(guide.sections.map((s) => [s.kind, s.heading]), [['custom', 'Disclaimer'], ['procedure', 'The surgery']]);
    assert.deepEqual(guide.report.trailingPagesLeftOut, []);
  });

  it('recognises the Spanish and variant page names', () => {
    for (const heading of ['TÉRMINOS DE USO', 'TERMS AND CONDITIONS', 'PRIVACY NOTICE', 'LEGAL NOTICE', 'ACCESSIBILITY', 'WEBSITE TERMS OF USE']) {
      const guide = importBrochure(`GUIDE\n\nRESULTS\n\nThe scar fades.\n\n${heading}\n\nLegal text.`);
      assert.deepEqual(guide.report.trailingPagesLeftOut, [heading], heading);
      assert.equal(guide.sections.length, 1, heading);
    }
  });
});

describe('importBrochure: summary', () => {
  const sentence = 'This sentence has exactly sixty characters in it, give or take. ';

  it('cuts a long first paragraph at the last sentence that fits in 300 characters', () => {
    const guide = single('OVERVIEW', sentence.repeat(8).trim());
    assert.ok(guide.summary.length <= 300);
    assert.equal(guide.summary, sentence.repeat(4).trim());
  });

  it('does not treat an abbreviation as a sentence end', () => {
    const text = `${'word '.repeat(50)}see Dr. Smith now. ${'More text follows here. '.repeat(10)}`.trim();
    const guide = single('OVERVIEW', text);
    assert.ok(guide.summary.length <= 300);
    assert.match(guide.summary, /see Dr\. Smith now\.( More text follows here\.)*$/u);
  });

  it('cuts at a word with an ellipsis when no sentence ends early enough', () => {
    const guide = single('OVERVIEW', `${'long '.repeat(100)}end.`);
    assert.ok(guide.summary.length <= 300);
    assert.match(guide.summary, /^(long )+long…$/u);
  });

  it('prefers the overview section, falling back to the first section', () => {
    const guide = importBrochure('GUIDE\n\nRISKS\n\nBleeding.\n\nOVERVIEW\n\nAn overview.');
    assert.equal(guide.summary, 'An overview.');
    assert.equal(single('RISKS', 'Bleeding is rare.').summary, 'Bleeding is rare.');
  });
});

describe('importBrochure: determinism', () => {
  it('gives the same guide for the same input, string or Buffer', () => {
    for (const name of ['scar-revision-brochure.txt', 'necklift-brochure.txt', 'blefaroplastia-folleto.txt']) {
      const raw = fixture(name);
      const first = importBrochure(raw);
      assert.deepEqual(importBrochure(raw), first);
      assert.deepEqual(importBrochure(raw.toString('utf8')), first);
      assert.equal(JSON.stringify(importBrochure(raw)), JSON.stringify(first));
    }
  });
});

describe('describeImport', () => {
  it('uses singular forms and leaves out clauses with nothing to say', () => {
    const report = { sections: 1, paragraphs: 1, captions: 0, duplicatesDropped: 1, trailingPagesLeftOut: ['AVISO LEGAL'] };
    assert.equal(describeImport(report, 'en'), '1 section, 1 paragraph, 0 captions; 1 duplicate block dropped; left out trailing page: AVISO LEGAL');
    assert.equal(describeImport(report, 'es'), '1 sección, 1 párrafo, 0 leyendas; 1 bloque duplicado descartado; página final omitida: AVISO LEGAL');
    const plain = { sections: 2, paragraphs: 5, captions: 1, duplicatesDropped: 0, trailingPagesLeftOut: [] };
    assert.equal(describeImport(plain, 'en'), '2 sections, 5 paragraphs, 1 caption');
    assert.equal(describeImport(plain, 'es'), '2 secciones, 5 párrafos, 1 leyenda');
  });
});
