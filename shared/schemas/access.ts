import * as z from 'zod/mini';
import { ACCESS_LEVELS } from './facts.ts';

/** An article's access level, written once for the create, patch, admin and public schemas. */
export const AccessSchema = z
  .enum(ACCESS_LEVELS, { error: `must be one of ${ACCESS_LEVELS.join(', ')}` })
  .register(z.globalRegistry, {
    id: 'Access',
    description:
      "Who may read the story on the newsroom's site: free (anyone), registered (signed-in readers) or subscribers. The CMS labels, it does not meter: the public article still carries the body, and the frontend decides what to show. Feeds carry only the summary of registered and subscribers stories; their jsonLd says isAccessibleForFree false, with hasPart marking the paywalled part. On create, left out: the section's default, else free.",
  });
