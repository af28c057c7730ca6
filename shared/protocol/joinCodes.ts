/** The join codes of one exercise, one per seat (docs/api.md). */
export interface JoinCodes {
  readonly control: string;
  readonly evaluator: string;
  readonly observer: string;
  readonly screen: string;
  readonly class: string;
  readonly organisations: Readonly<Record<string, string>>;
}
