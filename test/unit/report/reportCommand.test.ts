import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.ts';
import { recordPortDrill } from './recordPortDrill.ts';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'simcell-report-'));
const archiveFile = join(dir, 'archive.json');
writeFileSync(archiveFile, JSON.stringify(recordPortDrill()));

describe('simcell report', () => {
  it('writes report.html, report.json and timeline.csv from an archive, offline', async () => {
    const out = join(dir, 'en');
    const { code, out: said } = await run('report', archiveFile, '--out', out);
    expect(code).toBe(0);
    expect(said).toContain('Wrote the after-action report of "Port drill" (port-drill-1, 32 events, en)');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h1>After-action report</h1>');
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { format: string; expectations: { status: string }[] };
    expect(json.format).toBe('simcell-report/1');
    expect(json.expectations.map((e) => e.status)).toEqual(['met', 'met', 'late', 'missed']);
    const csv = readFileSync(join(out, 'timeline.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFtime,seconds,kind,organisation,from,to,tlp,channel,author,ref,title,text');
  });

  it('--lang nl writes the report in Dutch', async () => {
    const out = join(dir, 'nl');
    expect((await run('report', archiveFile, '--out', out, '--lang', 'nl')).code).toBe(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<h1>Evaluatierapport</h1>');
    expect(readFileSync(join(out, 'timeline.csv'), 'utf8')).toContain('Schermen tonen een losgeldbrief');
  });

  it.each([
    [['report', 'archive.json'], 'say where to write the report with --out <dir>'],
    [['report', '--out', 'x'], 'name one archive file'],
    [['report', 'a.json', 'b.json', '--out', 'x'], 'one archive at a time (also got b.json)'],
    [['report', 'a.json', '--out', 'x', '--lang', 'fr'], '--lang is one of en, nl, not "fr"'],
    [['report', 'a.json', '--out', 'x', '--format', 'pdf'], 'unknown option --format'],
  ])('usage errors exit 2 and say what is wrong: %j', async (argv, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain('usage: simcell report <archive.json> --out <dir>');
  });

  it('a file that is missing, not JSON or not an archive: exit 1 with the file and the field, nothing written', async () => {
    const out = join(dir, 'bad');
    expect(await run('report', join(dir, 'missing.json'), '--out', out)).toMatchObject({
      code: 1,
      err: `${join(dir, 'missing.json')}: no such file\n`,
    });
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{"format": ');
    expect((await run('report', notJson, '--out', out)).err).toContain(`${notJson}: not JSON:`);
    const wrong = join(dir, 'wrong.json');
    const archive = recordPortDrill();
    writeFileSync(
      wrong,
      JSON.stringify({ ...archive, events: archive.events.map((e, i) => (i === 3 ? { ...e, body: { type: 'nonsense' } } : e)) }),
    );
    const bad = await run('report', wrong, '--out', out);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${wrong}: events.3.body.type: Invalid discriminator value`);
    const brokenScenario = join(dir, 'scenario.json');
    writeFileSync(
      brokenScenario,
      JSON.stringify({ ...archive, scenarioSource: archive.scenarioSource.replace('duration: PT3H', 'duration: soon') }),
    );
    expect((await run('report', brokenScenario, '--out', out)).err).toMatch(
      /archive:port-drill-1:5:\d+: "duration": "soon" is not a duration/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
