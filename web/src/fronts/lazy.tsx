import { onDemand } from '../ui/onDemand.tsx';

/**
 * The fronts list (no name) or one front's editor, loaded on demand: editors open them now and
 * then, and the first load of the console stays within its budget (tests/web/weight.test.ts).
 */
export const FrontsScreen = onDemand(
  () =>
    import('./frontsScreens.ts').then(
      ({ FrontEditor, FrontList }) =>
        ({ name }: { name?: string | undefined }) =>
          name ? <FrontEditor key={name} name={name} /> : <FrontList />,
    ),
  'the fronts',
);
