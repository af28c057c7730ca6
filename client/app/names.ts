import { localText } from '../i18n/localText.ts';
import { t, tMaybe } from '../i18n/i18n.ts';
import type { SeatMirror } from '../net/SeatMirror.ts';

/** Display names for the ids that appear in injects and messages: organisations, personas, Control. */
export function organisationName(connection: SeatMirror, id: string): string {
  if (id === 'control') return t('role.control');
  const [orgId = id, seat] = id.split('/');
  const org = connection.state.organisations?.get(orgId);
  const name = org ? localText(org.name, orgId) : orgId;
  return seat ? `${name} / ${org?.seats.get(seat) ?? seat}` : name;
}

export function senderName(connection: SeatMirror, id: string, fromName?: Readonly<Record<string, string>>): string {
  if (fromName && Object.keys(fromName).length) return localText(fromName, id);
  const persona = connection.scenario.personas.find((p) => p.id === id);
  return persona ? localText(persona.name, id) : organisationName(connection, id);
}

/** `report-ncsc` → `Report ncsc`: for ids the protocol does not yet carry a label for. */
export function humanise(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A channel as people say it ("Phone call"), also for a channel this client does not know yet. */
export function channelName(channel: string): string {
  return tMaybe(`channel.${channel}`) ?? humanise(channel);
}
