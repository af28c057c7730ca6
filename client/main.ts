import Phaser from 'phaser';
import './styles/base.css';
import './styles/join.css';
import './styles/participant.css';
import './styles/control.css';
import './styles/evaluator.css';
import './styles/debrief.css';
import './styles/wall.css';
import './styles/setup.css';
import './styles/replay.css';
import type { SceneKey } from './app/sceneKeys.ts';
import { firstScreen } from './app/startScreen.ts';
import { setLanguage, language } from './i18n/i18n.ts';
import { BigScreenScene } from './scenes/BigScreenScene.ts';
import { ControlScene } from './scenes/ControlScene.ts';
import { ControlSetupScene } from './scenes/ControlSetupScene.ts';
import { EvaluatorScene } from './scenes/EvaluatorScene.ts';
import { JoinScene } from './scenes/JoinScene.ts';
import { ParticipantScene } from './scenes/ParticipantScene.ts';
import { ReplayScene } from './scenes/ReplayScene.ts';

// The bootstrap: one full-window canvas, one scene per screen; the address decides which one opens.
setLanguage(language());
const first = firstScreen();
new Phaser.Game({
  type: Phaser.AUTO,
  parent: 'stage',
  backgroundColor: '#0a0f15',
  banner: false,
  antialias: true,
  // A situation board needs no 60 fps; half the frames spare the laptops and projectors of a classroom.
  fps: { limit: 30 },
  scale: { mode: Phaser.Scale.RESIZE, width: '100%', height: '100%' },
  callbacks: {
    postBoot: (game) => {
      const screens = {
        JoinScene,
        ParticipantScene,
        ControlSetupScene,
        ControlScene,
        EvaluatorScene,
        BigScreenScene,
        ReplayScene,
      } satisfies Record<SceneKey, typeof Phaser.Scene>;
      for (const [key, Scene] of Object.entries(screens)) game.scene.add(key, Scene, false);
      game.scene.start(first.scene, first.args);
    },
  },
});
