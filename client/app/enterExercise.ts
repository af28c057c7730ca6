import type Phaser from 'phaser';
import type { Connection } from '../net/Connection.ts';
import { seatPath } from './route.ts';
import { SCENES, type SceneKey } from './sceneKeys.ts';

/** What every running screen is started with. */
export interface SeatArgs {
  readonly connection: Connection;
  /** The code this seat joined with, for the reload address. */
  readonly code: string;
}

const SCENE_FOR_ROLE: Record<string, SceneKey> = {
  participant: SCENES.participant,
  control: SCENES.control,
  evaluator: SCENES.evaluator,
  observer: SCENES.evaluator,
  screen: SCENES.bigScreen,
};

/**
 * Opens the screen for the seat the server gave us, and rewrites the address so that a reload (or a
 * dropped laptop coming back) joins the same seat again.
 */
export function enterExercise(scene: Phaser.Scene, connection: Connection, code: string): void {
  const remember = () => history.replaceState(null, '', seatPath(connection.seat.role, code, connection.seat.name, connection.room.roomId));
  remember();
  connection.on('welcome', remember); // a rejoin after a server restart may have found the exercise in another room
  const { role } = connection.seat;
  const args: SeatArgs = { connection, code };
  scene.scene.start(SCENE_FOR_ROLE[role] ?? SCENES.participant, args);
}
