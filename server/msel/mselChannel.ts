import { CHANNELS, type Channel } from '../../shared/scenario/channels.ts';
import { closestName } from '../scenario/didYouMean.ts';

/**
 * The inject types and delivery methods MSELs name, in English and Dutch, mapped to SimCell's channels.
 * Keys are compared lower-case without spaces, hyphens or punctuation (`E-mail`, `e mail`, `EMAIL`).
 */
const ALIASES: Record<Channel, readonly string[]> = {
  email: ['mail', 'emailmessage', 'webmail', 'outlook'],
  phone: ['phonecall', 'telephone', 'call', 'telephonecall', 'voicemail', 'telefoon', 'telefoongesprek', 'gebeld', 'bellen'],
  sms: ['text', 'textmessage', 'sms message', 'sms-bericht', 'pager'],
  news: [
    'newsarticle',
    'newsitem',
    'press',
    'newspaper',
    'media',
    'pressrelease',
    'persbericht',
    'website',
    'webpage',
    'nieuws',
    'nieuwsbericht',
    'krant',
    'pers',
  ],
  social: [
    'socialmedia',
    'socialmediapost',
    'twitter',
    'x',
    'tweet',
    'facebook',
    'instagram',
    'linkedin',
    'mastodon',
    'sociale media',
    'post',
  ],
  alert: [
    'monitoring',
    'monitoringalert',
    'systemalert',
    'siem',
    'siemalert',
    'ids',
    'idsalert',
    'alarm',
    'log',
    'dashboard',
    'ticket',
    'melding',
    'alarmering',
  ],
  advisory: ['securityadvisory', 'bulletin', 'warning', 'threatreport', 'advies', 'beveiligingsadvies', 'waarschuwing'],
  briefing: ['brief', 'situationreport', 'sitrep', 'report', 'memo', 'update', 'situatierapport', 'rapport'],
  chat: ['message', 'instantmessage', 'messaging', 'signal', 'whatsapp', 'teams', 'slack', 'bericht', 'app'],
  radio: ['radiomessage', 'portofoon', 'c2000'],
  tv: ['television', 'broadcast', 'video', 'televisie', 'journaal'],
  letter: ['fax', 'document', 'post letter', 'postal', 'courier', 'brief per post'],
  meeting: ['inperson', 'facetoface', 'verbal', 'conference', 'call-in', 'vergadering', 'overleg', 'bijeenkomst', 'mondeling'],
};

const key = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

const LOOKUP = new Map<string, Channel>();
for (const channel of CHANNELS) {
  LOOKUP.set(channel, channel);
  for (const alias of ALIASES[channel]) {
    const taken = LOOKUP.get(key(alias));
    if (taken !== undefined && taken !== channel) throw new Error(`channel alias "${alias}" names both ${taken} and ${channel}`);
    LOOKUP.set(key(alias), channel);
  }
}

/** The channel a cell names, or a hint at the closest known name. */
export function channelOfCell(cell: string): { channel: Channel } | { error: string; hint: string } {
  const found = LOOKUP.get(key(cell));
  if (found) return { channel: found };
  const close = closestName(key(cell), LOOKUP.keys());
  return {
    error: `"${cell.trim()}" is not an inject type SimCell knows${close ? ` (did you mean "${close}", the ${LOOKUP.get(close)} channel?)` : ''}`,
    hint: `use one of ${CHANNELS.join(', ')} (or a common name for one, like E-mail, Phone call, Social media, Press release)`,
  };
}
