import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/scenario/channels.ts';
import { channelOfCell } from '../../../server/msel/mselChannel.ts';
import { formatExpectedAction, parseExpectedActions, parseObjectives } from '../../../server/msel/mselExpectations.ts';
import { formatNamed, meansEveryone, parseNamed, slugify, splitList } from '../../../server/msel/mselNames.ts';
import { parseExerciseTime, parseOffset, parseStart } from '../../../server/msel/mselTime.ts';
import { formatTrigger, parseTrigger } from '../../../server/msel/mselTrigger.ts';

const seconds = (h: number, m: number, s = 0) => ({ seconds: h * 3600 + m * 60 + s });

describe('MSEL times', () => {
  it.each([
    ['+01:30', seconds(1, 30)],
    ['01:30', seconds(1, 30)],
    ['1:30', seconds(1, 30)],
    ['+1:30:15', seconds(1, 30, 15)],
    ['1:30:00', seconds(1, 30)],
    ['T+01:30', seconds(1, 30)],
    ['H+2.15', seconds(2, 15)],
    ['PT1H30M', seconds(1, 30)],
    ['pt90m', seconds(1, 30)],
    ['1h30m', seconds(1, 30)],
    ['+26:00', seconds(26, 0)],
    ['00:00', seconds(0, 0)],
  ])('reads the offset %s', (cell, expected) => {
    expect(parseExerciseTime(cell, undefined)).toEqual(expected);
    expect(parseOffset(cell)).toEqual(expected);
  });

  it.each([
    ['09:45', seconds(0, 45)],
    ['9:00', seconds(0, 0)],
    ['17:30:30', seconds(8, 30, 30)],
    ['Day 2 08:30', seconds(23, 30)],
    ['D2 09:00', seconds(24, 0)],
    ['dag 3, 10:00', seconds(49, 0)],
    // With a start, + still marks an offset, and ISO durations stay durations.
    ['+00:45', seconds(0, 45)],
    ['PT2H', seconds(2, 0)],
  ])('reads %s as a clock time from --start 09:00', (cell, expected) => {
    expect(parseExerciseTime(cell, parseStart('09:00'))).toEqual(expected);
  });

  it.each([
    ['half ten', undefined, 'is not a time', 'PT1H30M'],
    ['90', undefined, 'is not a time', '+01:30'],
    ['01:75', undefined, 'is not a time', 'minutes and seconds'],
    ['-00:10', undefined, 'before the start', '00:00 or later'],
    ['Day 2 09:00', undefined, 'clock time on a given day', '--start 09:00'],
    ['08:30', 9 * 3600, 'before the start of the exercise (09:00)', 'Day 2 08:30'],
    ['25:00', 9 * 3600, 'is not a clock time', 'hours run 0–23'],
  ])('refuses %s (start %s) and says how to write it', (cell, start, error, hint) => {
    const result = parseExerciseTime(cell, start);
    expect(result).toMatchObject({ error: expect.stringContaining(error), hint: expect.stringContaining(hint) });
  });

  it('reads --start as a clock time only', () => {
    expect(parseStart('09:00')).toBe(9 * 3600);
    expect(parseStart('9.30')).toBe(9 * 3600 + 1800);
    expect(parseStart('24:00')).toBeUndefined();
    expect(parseStart('nine')).toBeUndefined();
  });
});

describe('MSEL inject types', () => {
  it.each(CHANNELS)('reads the channel name %s', (channel) => {
    expect(channelOfCell(channel.toUpperCase())).toEqual({ channel });
  });

  it.each([
    ['E-mail', 'email'],
    ['Phone call', 'phone'],
    ['Telefoon', 'phone'],
    ['Text message', 'sms'],
    ['Press release', 'news'],
    ['Nieuwsbericht', 'news'],
    ['Social Media', 'social'],
    ['Twitter', 'social'],
    ['Monitoring alert', 'alert'],
    ['SIEM alert', 'alert'],
    ['Security advisory', 'advisory'],
    ['Sitrep', 'briefing'],
    ['WhatsApp', 'chat'],
    ['Television', 'tv'],
    ['Fax', 'letter'],
    ['Face to face', 'meeting'],
    ['Vergadering', 'meeting'],
  ])('reads %s as %s', (cell, channel) => {
    expect(channelOfCell(cell)).toEqual({ channel });
  });

  it('refuses an unknown type, suggests a close one and lists the channels', () => {
    expect(channelOfCell('Emial')).toMatchObject({
      error: expect.stringContaining('did you mean "email"'),
      hint: expect.stringContaining('meeting'),
    });
  });
});

describe('names, ids and recipients', () => {
  it('makes ids of names', () => {
    expect(slugify('Bank A')).toBe('bank-a');
    expect(slugify('Café ’t Hoekje & Zonen')).toBe('cafe-t-hoekje-and-zonen');
    expect(slugify('Report the incident to the National Cyber Security Centre within the hour')).toBe(
      'report-the-incident-to-the-national-cyber',
    );
  });

  it('takes an id in square brackets after the name, also for seats', () => {
    expect(parseNamed('National Cyber Security Centre [ncsc]')).toEqual({ id: 'ncsc', name: 'National Cyber Security Centre' });
    expect(parseNamed('Bank A / SOC', true)).toEqual({ id: 'bank-a/soc', name: 'Bank A / SOC' });
    expect(parseNamed('Noordbank / Press office [noordbank/press]', true)).toEqual({
      id: 'noordbank/press',
      name: 'Noordbank / Press office',
    });
    expect(parseNamed('[ncsc]')).toEqual({ id: 'ncsc', name: 'ncsc' });
    expect(parseNamed('Bank [Bank A]')).toMatchObject({ error: '"[Bank A]" is not an id' });
    expect(parseNamed('Bank [a')).toMatchObject({ error: expect.stringContaining('unmatched square bracket') });
  });

  it('writes the id only where the name would give another one', () => {
    expect(formatNamed('Bank A', 'bank-a')).toBe('Bank A');
    expect(formatNamed('National Cyber Security Centre', 'ncsc')).toBe('National Cyber Security Centre [ncsc]');
    expect(formatNamed('Bank A / SOC', 'bank-a/soc', true)).toBe('Bank A / SOC');
    expect(formatNamed('TCP/IP Ltd', 'tcpip', true)).toBe('TCP/IP Ltd [tcpip]');
    expect(formatNamed('Odd; name', 'odd')).toBe('[odd]');
  });

  it('splits recipients on ; and line breaks, never inside brackets, and knows "all"', () => {
    expect(splitList('Bank A; NCSC [ncsc]\nISP;;')).toEqual(['Bank A', 'NCSC [ncsc]', 'ISP']);
    for (const all of ['All', 'ALL PLAYERS', 'Everyone', 'Iedereen', 'alle spelers']) expect(meansEveryone(all)).toBe(true);
    expect(meansEveryone('All banks')).toBe(false);
  });
});

describe('the Trigger column', () => {
  it.each([
    ['on notify-ncsc', { kind: 'on', action: 'notify-ncsc', delaySeconds: 0 }],
    ['on notify-ncsc by trust-ca', { kind: 'on', action: 'notify-ncsc', by: 'trust-ca', delaySeconds: 0 }],
    ['on notify-ncsc +00:05', { kind: 'on', action: 'notify-ncsc', delaySeconds: 300 }],
    ['after notify-ncsc by trust-ca PT5M', { kind: 'on', action: 'notify-ncsc', by: 'trust-ca', delaySeconds: 300 }],
    ['when { indicator: media, atLeast: 50 }', { kind: 'when', condition: { indicator: 'media', atLeast: 50 } }],
    [
      'when { all: [{ action: pay, not: true }, { escalation: incident }] }',
      { kind: 'when', condition: { all: [{ action: 'pay', not: true }, { escalation: 'incident' }] } },
    ],
  ])('reads "%s" and writes it back the same', (cell, trigger) => {
    const parsed = parseTrigger(cell);
    expect(parsed).toEqual(trigger);
    expect(parseTrigger(formatTrigger(parsed as never))).toEqual(trigger);
  });

  it.each([
    ['at noon', 'is not a trigger'],
    ['on Notify NCSC', '"Notify" in the trigger is not an id'],
    ['on notify-ncsc soon', 'the delay "soon" is not a time'],
    ['when { indicator: media }', 'is not a condition'],
    ['when {', 'is not a condition'],
  ])('refuses "%s"', (cell, error) => {
    expect(parseTrigger(cell)).toMatchObject({ error: expect.stringContaining(error) });
  });
});

describe('expected actions and objectives', () => {
  it('reads one expected action per line, with optional SimCell detail', () => {
    expect(
      parseExpectedActions(
        'Report to NCSC\nSwitch on scrubbing [scrub; by bank-a, bank-b; within 01:00; auto control]\nInform staff [auto 00:10]',
      ),
    ).toEqual([
      { label: 'Report to NCSC' },
      { label: 'Switch on scrubbing', id: 'scrub', by: ['bank-a', 'bank-b'], withinSeconds: 3600, auto: 'control' },
      { label: 'Inform staff', auto: 600 },
    ]);
  });

  it('writes what it reads', () => {
    const cell = formatExpectedAction('Report to NCSC', { id: 'notify', by: ['bank-a'], withinSeconds: 1800, auto: 900 });
    expect(cell).toBe('Report to NCSC [notify; by bank-a; within 00:30; auto 00:15]');
    expect(parseExpectedActions(cell)).toEqual([{ label: 'Report to NCSC', id: 'notify', by: ['bank-a'], withinSeconds: 1800, auto: 900 }]);
  });

  it.each([
    ['Call NCSC [within soon]', 'within "soon" is not a time'],
    ['Call NCSC [see annex B]', '"see annex B" in "[see annex B]" is not SimCell detail'],
    ['Call NCSC [by Bank A]', '"Bank A" after "by" is not an organisation id'],
    ['Call NCSC [within 00:00]', 'a window longer than zero'],
    ['Call [NCSC', 'unmatched square bracket'],
  ])('refuses "%s"', (cell, error) => {
    expect(parseExpectedActions(cell)).toMatchObject({ error: expect.stringContaining(error) });
  });

  it('reads objectives with optional ids', () => {
    expect(parseObjectives('Early warning\nKeep banking online [keep-online]')).toEqual([
      { text: 'Early warning' },
      { text: 'Keep banking online', id: 'keep-online' },
    ]);
    expect(parseObjectives('Early warning [Early]')).toMatchObject({ error: expect.stringContaining('is not an objective id') });
  });
});
