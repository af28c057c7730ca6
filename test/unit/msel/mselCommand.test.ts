import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/msel/${name}`, import.meta.url));
const scenario = (name: string) => fileURLToPath(new URL(`../../../scenarios/${name}`, import.meta.url));
const scratch = () => mkdtempSync(join(tmpdir(), 'simcell-msel-'));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => (out += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (err += t.endsWith('\n') ? t : `${t}\n`),
  });
  return { code, out, err };
}

describe('simcell msel', () => {
  it('import writes a scenario that simcell validate accepts, and lists the warnings', async () => {
    const out = join(scratch(), 'harbour.yaml');
    const result = await run('msel', 'import', fixture('hseep-english.csv'), '-o', out);
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      `${fixture('hseep-english.csv')} → ${out}: 5 injects in 2 phases; 2 organisations, 2 personas, 3 actions, 2 objectives\n`,
    );
    expect(result.err).toContain('warning: row 3, column M "Controller": unknown column');
    const validated = await run('validate', out);
    expect(validated.code).toBe(0);
    expect(validated.out).toContain('ok — hseep-english: 2 organisations (0 simulated), 5 injects, 2 phases, 3 actions, 2 objectives');
  });

  it('import takes --start, --id, --title and --lang', async () => {
    const out = join(scratch(), 'water.yaml');
    const result = await run(
      'msel',
      'import',
      fixture('dutch-semicolon.csv'),
      '-o',
      out,
      '--start',
      '09:00',
      '--id',
      'zuiderhaven',
      '--title',
      'Zuiderhaven drill',
      '--lang',
      'nl',
    );
    expect(result.code).toBe(0);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toContain('id: zuiderhaven\ntitle: Zuiderhaven drill\n');
    expect(yaml).toContain('languages: [ nl ]');
    expect(yaml).toContain('clock times count from 09:00');
  });

  it('export then import gives a scenario simcell validate accepts, for a bundled scenario', async () => {
    const dir = scratch();
    const exported = await run('msel', 'export', scenario('rogue-certificates.yaml'), '-o', join(dir, 'msel.csv'));
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(
      /rogue-certificates\.yaml → .*msel\.csv: \d+ injects, one row each\nnot in an MSEL, so not exported: indicators/,
    );
    expect(readFileSync(join(dir, 'msel.csv'), 'utf8').startsWith('\uFEFF#,Inject ID,Phase,Time,')).toBe(true);
    const imported = await run('msel', 'import', join(dir, 'msel.csv'), '-o', join(dir, 'back.yaml'));
    expect(imported.code).toBe(0);
    expect(imported.err).toBe('');
    expect((await run('validate', join(dir, 'back.yaml'))).code).toBe(0);
  });

  it('export --semicolon writes semicolon-separated cells for Excel in Dutch', async () => {
    const out = join(scratch(), 'msel.csv');
    expect((await run('msel', 'export', scenario('classroom-phishing.yaml'), '-o', out, '--semicolon')).code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe(
      '\uFEFF#;Inject ID;Phase;Time;Phase Time;Trigger;Channel;From;To;TLP;Subject (en);Subject (nl);Message (en);Message (nl);Expected Action (en);Expected Action (nl);Objective (en);Objective (nl);Notes',
    );
  });

  it('-o - writes to standard output and the summary to standard error', async () => {
    const result = await run('msel', 'import', fixture('bilingual.csv'), '-o', '-');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^# Imported from the MSEL bilingual\.csv/);
    expect(result.err).toContain('→ standard output: 3 injects in 2 phases');
  });

  it('bad rows: every problem with row, column and fix, exit 1, and nothing written', async () => {
    const out = join(scratch(), 'bad.yaml');
    const result = await run('msel', 'import', fixture('bad-rows.csv'), '-o', out);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `${fixture('bad-rows.csv')}: row 3 (line 4), column B "Time": "half ten" is not a time\n  hint: write an offset`,
    );
    expect(result.err).toContain('row 10 (line 11), column F "To": "[Bank A]" is not an id');
    expect(result.err).toContain(`${fixture('bad-rows.csv')}: 8 problems; nothing written`);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('a scenario that does not validate is not exported', async () => {
    const out = join(scratch(), 'x.csv');
    const result = await run('msel', 'export', fixture('bad-rows.csv'), '-o', out);
    expect(result.code).toBe(1);
    expect(result.err).toContain('nothing written');
    expect(existsSync(out)).toBe(false);
  });

  it('a missing file is named', async () => {
    const result = await run('msel', 'import', join(scratch(), 'nope.csv'), '-o', join(scratch(), 'x.yaml'));
    expect(result).toMatchObject({ code: 1, err: expect.stringContaining('nope.csv: no such file') });
  });

  it.each([
    [['msel'], 'say import or export'],
    [['msel', 'convert', 'x.csv'], 'unknown msel command "convert"'],
    [['msel', 'import', 'x.csv'], 'say where to write it with -o <file>'],
    [['msel', 'import', '-o', 'x.yaml'], 'name an MSEL saved as CSV'],
    [['msel', 'import', 'a.csv', 'b.csv', '-o', 'x.yaml'], 'one file at a time'],
    [['msel', 'import', 'a.csv', '-o', 'x.yaml', '--start', 'noon'], '--start takes a clock time like 09:00'],
    [['msel', 'import', 'a.csv', '-o', 'x.yaml', '--id', 'My Drill'], '--id is lower-case letters'],
    [['msel', 'import', 'a.csv', '-o', 'x.yaml', '--lang', 'dutch'], '--lang is a two-letter language code'],
    [['msel', 'export', 'a.yaml', '-o', 'x.csv', '--start', '09:00'], 'unknown option --start'],
  ])('usage errors exit 2 and say what is wrong: %s', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toContain('usage: simcell msel import');
  });
});
