import type { InjectView, MessageView } from '../../shared/protocol/serverMessages.ts';
import type { SeatMirror } from '../net/SeatMirror.ts';

/** One line in a participant's inbox: an inject from the scenario, or a message between organisations. */
export type InboxItem =
  | { readonly kind: 'inject'; readonly id: string; readonly atMs: number; readonly inject: InjectView }
  | { readonly kind: 'message'; readonly id: string; readonly atMs: number; readonly message: MessageView; readonly sent: boolean };

/** Everything this seat has received or sent, newest first. */
export function inboxItems(connection: SeatMirror): InboxItem[] {
  const mine = connection.seat.organisation;
  const items: InboxItem[] = [
    ...[...connection.injects.values()].map((inject) => ({ kind: 'inject' as const, id: `i:${inject.id}`, atMs: inject.atMs, inject })),
    ...[...connection.messages.values()].map((message) => ({
      kind: 'message' as const,
      id: `m:${message.id}`,
      atMs: message.atMs,
      message,
      sent: message.from === mine,
    })),
  ];
  const order = new Map(items.map((item, i) => [item.id, i]));
  return items.sort((a, b) => b.atMs - a.atMs || order.get(b.id)! - order.get(a.id)!);
}
