import { onDemand } from '../ui/onDemand.tsx';

/** The crops of the lead image, fetched the first time an article has one. */
export const PlacementCropsOnDemand = onDemand(
  () => import('./placementCrops.tsx').then((m) => m.PlacementCrops),
  'the crops',
);
