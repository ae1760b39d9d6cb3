/**
 * Icons drawn into the graph and the toolbar: SVG path data on a 16 × 16 grid, stroked with the
 * current colour, so they take the theme's colours like the text around them.
 */
import type { StateType } from '../../server/src/asl/model';

export const STATE_ICONS: Record<StateType | 'Unknown', string> = {
  // A box running something.
  Task: 'M2.5 2.5h11v11h-11z M6.5 5.5l4 2.5-4 2.5z',
  // Passes its input on.
  Pass: 'M2 8h11 M9 4l4 4-4 4',
  // A decision.
  Choice: 'M8 1.5L14.5 8 8 14.5 1.5 8z M8 5v3.5 M8 10.5v.5',
  // A clock.
  Wait: 'M8 1.5a6.5 6.5 0 1 0 0.01 0z M8 4.5V8l2.5 2',
  // A tick in a circle.
  Succeed: 'M8 1.5a6.5 6.5 0 1 0 0.01 0z M5 8.2l2 2 4-4.4',
  // A cross in a circle.
  Fail: 'M8 1.5a6.5 6.5 0 1 0 0.01 0z M5.7 5.7l4.6 4.6 M10.3 5.7l-4.6 4.6',
  // Lanes side by side.
  Parallel: 'M3.5 2v12 M8 2v12 M12.5 2v12',
  // The same steps for every item.
  Map: 'M2.5 2.5h4.5v4.5h-4.5z M9 2.5h4.5v4.5H9z M2.5 9h4.5v4.5h-4.5z M9 9h4.5v4.5H9z',
  // A question mark: no type, or an unknown one.
  Unknown: 'M5.5 5.5a2.5 2.5 0 1 1 3.6 2.2c-.7.4-1.1.9-1.1 1.6v.7 M8 12.2v.6',
};

export const TOOLBAR_ICONS = {
  zoomIn: 'M7 2.5a4.5 4.5 0 1 0 0.01 0z M10.2 10.2L14 14 M5 7h4 M7 5v4',
  zoomOut: 'M7 2.5a4.5 4.5 0 1 0 0.01 0z M10.2 10.2L14 14 M5 7h4',
  fit: 'M2 6V2h4 M10 2h4v4 M14 10v4h-4 M6 14H2v-4',
  clear: 'M4 4l8 8 M12 4l-8 8',
} as const;
