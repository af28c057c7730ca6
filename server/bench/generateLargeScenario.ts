import { SeededRandom } from '../engine/seededRandom.ts';
import type { ScenarioInput } from '../../shared/scenario/scenarioSchema.ts';
import { formatDuration } from '../../shared/scenario/duration.ts';

export interface LargeScenarioSize {
  readonly organisations: number;
  readonly seats: number;
  readonly injects: number;
  readonly hours: number;
}

/** The size of Cyber Europe 2024: ~28,000 injects over two days, ~5,000 seats across 120 organisations. */
export const CYBER_EUROPE_SIZE: LargeScenarioSize = { organisations: 120, seats: 5000, injects: 28_000, hours: 48 };

const KINDS = ['public', 'private', 'private', 'international', 'military'] as const;
const SECTORS = ['energy', 'water', 'finance', 'telecom', 'transport', 'health', 'government', 'ict'];
const CHANNELS = ['email', 'phone', 'alert', 'advisory', 'news', 'social', 'briefing'] as const;
const TLPS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];
const PHASES = ['detection', 'escalation', 'crisis', 'recovery'];

/**
 * A scenario file's content (before validation) of a given size, the same for the same seed: organisations
 * with seats, four phases that follow each other on time (so that every inject is delivered), injects spread over the phases and
 * the timeline, a tenth of them with expectations. For benchmarks of validation, simulation and checking.
 */
export function generateLargeScenario(size: LargeScenarioSize = CYBER_EUROPE_SIZE, seed = 2024): ScenarioInput {
  const random = new SeededRandom(seed);
  const text = (en: string) => ({ en, nl: `${en} (nl)` });
  const seatsPer = Math.ceil(size.seats / size.organisations);
  const organisations = Array.from({ length: size.organisations }, (_, i) => ({
    id: `org-${i}`,
    name: text(`Organisation ${i}`),
    kind: KINDS[i % KINDS.length]!,
    sector: SECTORS[i % SECTORS.length]!,
    simulated: i % 10 === 9,
    seats: Array.from({ length: Math.min(seatsPer, size.seats - i * seatsPer) }, (_, j) => ({ id: `seat-${j}`, name: text(`Seat ${j}`) })),
  }));
  const actions = Array.from({ length: 30 }, (_, i) => ({
    id: `action-${i}`,
    label: text(`Action ${i}`),
    by: 'all' as const,
    once: 'never' as const,
    effects: { indicators: { [`indicator-${i % 5}`]: random.int(-5, 5) } },
  }));
  const phaseSeconds = (size.hours * 3600) / PHASES.length;
  const perPhase = Math.floor((size.injects * 0.9) / PHASES.length);
  let injectCount = 0;
  const makeInject = (maxSeconds: number) => {
    const id = `inject-${injectCount++}`;
    const org = random.int(0, size.organisations - 1);
    const toSeat = random.next() < 0.3 && organisations[org]!.seats.length > 0;
    const to: 'all' | string[] =
      random.next() < 0.02 ? 'all' : [toSeat ? `org-${org}/seat-${random.int(0, organisations[org]!.seats.length - 1)}` : `org-${org}`];
    const expects =
      random.next() < 0.1
        ? [{ action: `action-${random.int(0, 29)}`, by: `org-${org}`, within: 'PT30M', objective: `objective-${random.int(0, 4)}` }]
        : [];
    return {
      id,
      at: formatDuration(random.int(1, Math.floor(maxSeconds) - 1)),
      channel: CHANNELS[random.int(0, CHANNELS.length - 1)]!,
      from: `org-${random.int(0, size.organisations - 1)}`,
      to,
      tlp: TLPS[random.int(0, TLPS.length - 1)]!,
      title: text(`Inject ${id}`),
      body: text(`What happened for ${id}: a realistic body is a few sentences long, so this one is too. It names systems and times.`),
      expects,
    };
  };
  const phases = Object.fromEntries(
    PHASES.map((phase, i) => {
      const next = PHASES[i + 1];
      return [
        phase,
        {
          title: text(`Phase ${phase}`),
          escalation: ['incident', 'large-scale', 'national-crisis', 'national-crisis'][i],
          injects: Array.from({ length: perPhase }, () => makeInject(phaseSeconds)),
          ...(next ? { after: { [formatDuration(phaseSeconds)]: next } } : {}),
        },
      ];
    }),
  );
  const timeline = Array.from({ length: size.injects - injectCount }, () => makeInject(size.hours * 3600));
  return {
    id: 'cyber-europe-size',
    title: text('Generated Cyber-Europe-size exercise'),
    summary: text('A generated scenario for benchmarks.'),
    languages: ['en', 'nl'],
    duration: formatDuration(size.hours * 3600),
    organisations,
    indicators: Array.from({ length: 5 }, (_, i) => ({ id: `indicator-${i}`, label: text(`Indicator ${i}`), initial: 50 })),
    timeline,
    phases,
    actions,
    objectives: Array.from({ length: 5 }, (_, i) => ({ id: `objective-${i}`, text: text(`Objective ${i}`) })),
  };
}
