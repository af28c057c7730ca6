import type { LogKind } from '../../shared/protocol/serverMessages.ts';
import type { TlpLabel } from '../../shared/scenario/tlp.ts';
import { t } from '../i18n/i18n.ts';
import { localText } from '../i18n/localText.ts';
import type { SeatMirror } from '../net/SeatMirror.ts';
import { channelName, organisationName, senderName } from './names.ts';

/** One line of what happened in the exercise, for Control and evaluators. */
export interface Activity {
  readonly id: string;
  readonly atMs: number;
  /** Organisations it concerns, for the filter. */
  readonly organisations: readonly string[];
  readonly kind: 'inject' | 'message' | LogKind;
  readonly label: string;
  readonly who: string;
  readonly title: string;
  readonly text: string;
  readonly tlp: TlpLabel | undefined;
}

/** Every inject, message and log entry this seat has seen, newest first. */
export function activityOf(connection: SeatMirror): Activity[] {
  const c = connection;
  const orgOf = (address: string) => address.split('/')[0]!;
  const items: Activity[] = [
    ...[...c.injects.values()].map((v) => ({
      id: `i:${v.id}`,
      atMs: v.atMs,
      organisations: v.to.map(orgOf),
      kind: 'inject' as const,
      label: channelName(v.channel),
      who: `${senderName(c, v.from, v.fromName)} → ${v.to.map((id) => organisationName(c, id)).join(', ')}`,
      title: localText(v.title, v.id),
      text: localText(v.body),
      tlp: v.tlp,
    })),
    ...[...c.messages.values()].map((m) => ({
      id: `m:${m.id}`,
      atMs: m.atMs,
      organisations: [m.from, ...m.to],
      kind: 'message' as const,
      label: t('channel.message'),
      who: `${organisationName(c, m.from)} (${m.author}) → ${m.to.map((id) => organisationName(c, id)).join(', ')}`,
      title: m.subject,
      text: m.body,
      tlp: m.tlp,
    })),
    ...[...c.logs.values()].map((l) => ({
      id: `l:${l.id}`,
      atMs: l.atMs,
      organisations: l.organisation ? [l.organisation] : [],
      kind: l.kind,
      label: t(`log.kind.${l.kind}`),
      who: `${l.organisation ? organisationName(c, l.organisation) : t('role.control')} · ${l.author}`,
      title: '',
      text: l.text,
      tlp: undefined,
    })),
  ];
  const order = new Map(items.map((item, i) => [item.id, i]));
  return items.sort((a, b) => b.atMs - a.atMs || order.get(b.id)! - order.get(a.id)!);
}
