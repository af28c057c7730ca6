import { schema, t, type SchemaType } from '@colyseus/schema';

/**
 * The synced state of one exercise room. Fields and collection items marked `.view()` reach only the
 * connections whose StateView holds them (server/room/seatViews.ts decides): a desk only its organisation
 * and the staff, the Control desk only the staff, private indicators only the staff.
 */
export const ClockState = schema(
  {
    status: t.string<'ready' | 'running' | 'paused' | 'ended'>(),
    speed: t.float64(),
    anchorExerciseMs: t.float64(),
    anchorWallMs: t.float64(),
    /** The server's wall clock when this was last written, for clients to estimate their offset. */
    serverWallMs: t.float64(),
  },
  'ClockState',
);
export type ClockState = SchemaType<typeof ClockState>;

export const IndicatorState = schema(
  {
    id: t.string(),
    label: t.map('string'),
    value: t.float64(),
    min: t.float64(),
    max: t.float64(),
    public: t.boolean(),
    unit: t.string(),
  },
  'IndicatorState',
);
export type IndicatorState = SchemaType<typeof IndicatorState>;

export const LevelState = schema({ id: t.string(), label: t.map('string') }, 'LevelState');
export type LevelState = SchemaType<typeof LevelState>;

export const OrganisationState = schema(
  {
    id: t.string(),
    name: t.map('string'),
    kind: t.string(),
    sector: t.string(),
    simulated: t.boolean(),
    /** Connected participants of this organisation. */
    online: t.uint16(),
    seats: t.map('string'),
  },
  'OrganisationState',
);
export type OrganisationState = SchemaType<typeof OrganisationState>;

export const OpenActionState = schema(
  { id: t.string(), label: t.map('string'), description: t.map('string'), report: t.boolean() },
  'OpenActionState',
);
export type OpenActionState = SchemaType<typeof OpenActionState>;

/** One organisation's private desk: its open decisions and what it has acknowledged. */
export const DeskState = schema(
  {
    organisation: t.string(),
    openActions: t.array(OpenActionState),
    acknowledged: t.map('float64'),
  },
  'DeskState',
);
export type DeskState = SchemaType<typeof DeskState>;

export const HeadlineState = schema(
  { inject: t.string(), atMs: t.float64(), channel: t.string(), title: t.map('string') },
  'HeadlineState',
);
export type HeadlineState = SchemaType<typeof HeadlineState>;

export const UpcomingState = schema(
  { inject: t.string(), dueAtMs: t.float64(), channel: t.string(), tlp: t.string(), title: t.map('string'), to: t.array('string') },
  'UpcomingState',
);
export type UpcomingState = SchemaType<typeof UpcomingState>;

export const ExpectationState = schema(
  {
    id: t.string(),
    inject: t.string(),
    action: t.string(),
    organisation: t.string(),
    objective: t.string(),
    deliveredAtMs: t.float64(),
    dueAtMs: t.float64(),
    status: t.string<'pending' | 'met' | 'late' | 'missed'>(),
    respondedAtMs: t.float64(),
  },
  'ExpectationState',
);
export type ExpectationState = SchemaType<typeof ExpectationState>;

export const ParticipantState = schema(
  { id: t.string(), name: t.string(), role: t.string(), organisation: t.string(), seat: t.string(), connected: t.boolean() },
  'ParticipantState',
);
export type ParticipantState = SchemaType<typeof ParticipantState>;

/** What Control, evaluators and observers see beyond the participants: the machine and what comes next. */
export const ControlDeskState = schema(
  {
    phase: t.string(),
    phaseTitle: t.map('string'),
    phaseEnteredAtMs: t.float64(),
    endReason: t.string(),
    upcoming: t.array(UpcomingState),
    expectations: t.map(ExpectationState),
    participants: t.map(ParticipantState),
    /** `<inject>/<organisation>` → exercise ms of the first acknowledgement. */
    acknowledgements: t.map('float64'),
    notice: t.string(),
  },
  'ControlDeskState',
);
export type ControlDeskState = SchemaType<typeof ControlDeskState>;

/** Only Control's connections: the join codes of every seat (evaluators and observers do not get them). */
export const ControlSecretsState = schema({ codes: t.map('string') }, 'ControlSecretsState');
export type ControlSecretsState = SchemaType<typeof ControlSecretsState>;

export const ExerciseState = schema(
  {
    exerciseId: t.string(),
    name: t.string(),
    scenarioId: t.string(),
    title: t.map('string'),
    clock: ClockState,
    escalation: t.string(),
    levels: t.array(LevelState),
    organisations: t.map(OrganisationState),
    indicators: t.map(IndicatorState).view(),
    headlines: t.array(HeadlineState),
    desks: t.map(DeskState).view(),
    control: t.ref(ControlDeskState).view(),
    secrets: t.ref(ControlSecretsState).view(),
  },
  'ExerciseState',
);
export type ExerciseState = SchemaType<typeof ExerciseState>;
