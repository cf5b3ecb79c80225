import { onDemand } from '../ui/onDemand.tsx';

/** The live desk, fetched when first opened: it stays out of the console's first load. */
export const LiveDeskRoute = onDemand(
  () => import('./liveDesk.tsx').then((m) => m.LiveDesk),
  'the live desk',
);
