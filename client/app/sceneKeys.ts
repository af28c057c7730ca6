/** Scene keys; each is also the scene's class and file name (client/scenes/<key>.ts). */
export const SCENES = {
  join: 'JoinScene',
  participant: 'ParticipantScene',
  controlSetup: 'ControlSetupScene',
  control: 'ControlScene',
  evaluator: 'EvaluatorScene',
  bigScreen: 'BigScreenScene',
  replay: 'ReplayScene',
} as const;

export type SceneKey = (typeof SCENES)[keyof typeof SCENES];
