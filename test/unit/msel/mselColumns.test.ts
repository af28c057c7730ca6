import { describe, expect, it } from 'vitest';
import { fieldOfHeader, mapColumns, MSEL_ALIASES, type MselField } from '../../../server/msel/mselColumns.ts';

/** The aliases the issue names for each column; every one must be read, in any case. */
const ISSUE_ALIASES: Partial<Record<MselField, string[]>> = {
  sequence: ['Seq No', 'Event #', '#', 'Inject #'],
  time: ['Scenario Time', 'Time', 'Real Time', 'Designated Scenario Time'],
  phase: ['Phase', 'Move'],
  channel: ['Inject Type', 'Delivery Method', 'Type', 'Channel'],
  from: ['From', 'Originator', 'Sender'],
  to: ['To', 'Recipient', 'Player'],
  subject: ['Subject', 'Title'],
  message: ['Message', 'Inject', 'Description', 'Script'],
  expectedAction: ['Expected Action', 'Expected Player Action', 'Expected Response'],
  objective: ['Objective', 'Core Capability'],
  tlp: ['TLP'],
  notes: ['Notes', 'Comment'],
};

const spellings = (alias: string) => [alias, alias.toUpperCase(), alias.toLowerCase(), ` ${alias.replace(/ /g, '  ')} `, `${alias}:`];

describe('MSEL column headers', () => {
  it('lists every alias of the issue', () => {
    for (const [field, aliases] of Object.entries(ISSUE_ALIASES))
      expect(MSEL_ALIASES[field as MselField]).toEqual(expect.arrayContaining(aliases));
  });

  it.each(Object.entries(MSEL_ALIASES).flatMap(([field, aliases]) => aliases.map((alias) => [alias, field] as const)))(
    'reads "%s" as %s, in any case and spacing',
    (alias, field) => {
      for (const spelling of spellings(alias)) expect(fieldOfHeader(spelling)).toMatchObject({ field });
    },
  );

  it('reads a language after a text column: Subject (nl), MESSAGE (EN), Expected Action [nl]', () => {
    expect(fieldOfHeader('Subject (nl)')).toMatchObject({ field: 'subject', language: 'nl' });
    expect(fieldOfHeader('MESSAGE (EN)')).toMatchObject({ field: 'message', language: 'en' });
    expect(fieldOfHeader('Expected Action [nl]')).toMatchObject({ field: 'expectedAction', language: 'nl' });
    // Only texts have languages.
    expect(fieldOfHeader('From (nl)')).toBeUndefined();
  });

  it('uses the first-listed alias when two columns name one field, and reports the other', () => {
    const map = mapColumns(['Description', 'Time', 'Inject', 'To', 'Real Time']);
    expect(map.texts.message?.get('')).toMatchObject({ index: 2, header: 'Inject' });
    expect(map.fields.time).toMatchObject({ index: 1, header: 'Time' });
    expect(map.unused).toEqual([
      { index: 0, header: 'Description', field: 'message', usedHeader: 'Inject' },
      { index: 4, header: 'Real Time', field: 'time', usedHeader: 'Time' },
    ]);
  });

  it('lists the columns it does not know, and skips blank headers', () => {
    const map = mapColumns(['Time', 'Controller', '', 'To', 'Status']);
    expect(map.unknown).toEqual([
      { index: 1, header: 'Controller' },
      { index: 4, header: 'Status' },
    ]);
    expect(map.known).toBe(2);
  });
});
