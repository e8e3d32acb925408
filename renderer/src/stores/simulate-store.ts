/**
 * "Simulate Okta" on Connect: the run's state, fed by the `simulation` events the server
 * pushes while the simulator works (so a second window sees the same run) and by the call's
 * own result when it returns.
 */
import { create } from 'zustand';
import type { AdminEvent, RunResult, SimulatorApp, StepResult } from '../../../server/admin/contract';
import { api } from '../api/client';
import { errorMessage } from '../api/admin-error';

type SimulationEvent = Extract<AdminEvent, { type: 'simulation' }>;

interface SimulateState {
  app: SimulatorApp;
  running: boolean;
  steps: StepResult[];
  summary: { passed: number; failed: number } | null;
  leftBehind: string[];
  error: string | null;
  setApp(app: SimulatorApp): void;
  run(): Promise<void>;
  onEvent(event: SimulationEvent): void;
}

export const useSimulate = create<SimulateState>((set, get) => ({
  app: 'oin',
  running: false,
  steps: [],
  summary: null,
  leftBehind: [],
  error: null,
  setApp(app) {
    set({ app });
  },
  async run() {
    if (get().running) return;
    set({ running: true, steps: [], summary: null, leftBehind: [], error: null });
    try {
      const result: RunResult = await api().simulateOkta({ app: get().app });
      set({
        running: false,
        steps: result.steps,
        summary: { passed: result.passed, failed: result.failed },
        leftBehind: result.leftBehind,
      });
    } catch (err) {
      set({ running: false, error: errorMessage(err) });
    }
  },
  onEvent(event) {
    if (!event.running) {
      set({ running: false, summary: { passed: event.passed, failed: event.failed } });
      return;
    }
    if (event.step === null) set({ running: true, steps: [], summary: null, leftBehind: [], error: null });
    else {
      const step = event.step;
      set((s) => (s.steps.some((x) => x.id === step.id) ? {} : { running: true, steps: [...s.steps, step] }));
    }
  },
}));
