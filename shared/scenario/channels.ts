/** Every channel an inject can come by. Free of zod, so the client can import it without the schema. */
export const CHANNELS = [
  'email',
  'phone',
  'sms',
  'news',
  'social',
  'alert',
  'advisory',
  'briefing',
  'chat',
  'radio',
  'tv',
  'letter',
  'meeting',
] as const;
export type Channel = (typeof CHANNELS)[number];
