/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** In `vite dev`, where the SimCell server runs (default: port 2567 on the same host). */
  readonly VITE_SIMCELL_SERVER?: string;
}
