import { isAtLeastAsStrict, type TlpLabel } from '../../shared/scenario/tlp.ts';

/**
 * TLP 2.0 for messages between organisations (docs/protocol.md §TLP):
 *  [M1] TLP:RED and TLP:AMBER+STRICT go to named organisations only, never to "everyone".
 *  [M2] A forward keeps the original label or a stricter one.
 *  [M3] TLP:RED is not forwarded at all; TLP:AMBER+STRICT and TLP:AMBER only to organisations already in the
 *       original audience (its sender and recipients); TLP:GREEN within the exercise community; TLP:CLEAR freely.
 */
export interface ForwardedMaterial {
  readonly tlp: TlpLabel;
  /** The original sender and recipients (organisation ids). */
  readonly audience: readonly string[];
}

export type TlpCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

export function checkTlp(message: { tlp: TlpLabel; to: readonly string[]; everyone: boolean }, forwarded?: ForwardedMaterial): TlpCheck {
  if (message.everyone && (message.tlp === 'TLP:RED' || message.tlp === 'TLP:AMBER+STRICT')) {
    return { ok: false, message: `${message.tlp} goes to named organisations only, not to everyone [M1]` };
  }
  if (!forwarded) return { ok: true };
  if (!isAtLeastAsStrict(message.tlp, forwarded.tlp)) {
    return { ok: false, message: `a forward of ${forwarded.tlp} material must keep that label or a stricter one, not ${message.tlp} [M2]` };
  }
  if (forwarded.tlp === 'TLP:RED') return { ok: false, message: 'TLP:RED material may not be forwarded [M3]' };
  if (forwarded.tlp === 'TLP:AMBER+STRICT' || forwarded.tlp === 'TLP:AMBER') {
    const outsiders = message.to.filter((org) => !forwarded.audience.includes(org));
    if (outsiders.length)
      return { ok: false, message: `${forwarded.tlp} material may not go beyond its original audience: ${outsiders.join(', ')} [M3]` };
  }
  return { ok: true };
}
