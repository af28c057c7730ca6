import { joinExercise, type JoinOutcome } from '../net/joinExercise.ts';
import type { JoinArgs } from '../scenes/JoinScene.ts';
import type { ReplayArgs } from '../scenes/ReplayScene.ts';
import { parseRoute } from './route.ts';
import { SCENES, type SceneKey } from './sceneKeys.ts';

/** The big screen joins under this name; it has no person behind it. */
const BIG_SCREEN_NAME = 'Big screen';

export interface FirstScreen {
  readonly scene: SceneKey;
  readonly args?: JoinArgs | ReplayArgs;
}

/**
 * The first screen for the address the browser was given. A join link starts joining at once, while
 * Phaser is still booting: the person should see their inbox as soon as the network allows.
 */
export function firstScreen(): FirstScreen {
  const route = parseRoute();
  const join = (code: string | null, name: string | null, exercise: string | null): FirstScreen => {
    const auto = code !== null && name !== null && name.trim() !== '';
    const pending: Promise<JoinOutcome> | undefined = auto ? joinExercise({ code, name, exercise }) : undefined;
    return { scene: SCENES.join, args: { code, name, exercise, auto, ...(pending ? { pending } : {}) } };
  };
  switch (route.screen) {
    case 'control':
      return route.code
        ? join(route.code, new URLSearchParams(location.search).get('name'), route.exercise)
        : { scene: SCENES.controlSetup };
    case 'screen':
      return join(route.code, BIG_SCREEN_NAME, route.exercise);
    case 'evaluate':
    case 'join':
      return join(route.code, route.name, route.exercise);
    case 'replay':
      return { scene: SCENES.replay, args: { exerciseId: route.exercise ?? '', seat: route.seat, seq: route.seq } };
  }
}
