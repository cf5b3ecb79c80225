/**
 * Business figures as CloudWatch embedded metrics (EMF): one JSON log line carries the values and
 * the instructions CloudWatch needs to turn them into metrics, so no PutMetricData call (and no
 * latency, no IAM grant) is added to the path that produced them. The dashboard and the alarms
 * read the namespace and names from here.
 */
export const METRICS_NAMESPACE = 'NewsroomCms';
export const METRICS_DIMENSION = 'Stage';

export const BUSINESS_METRICS = {
  ArticlesPublished: 'Publications (first publication or a republished version)',
  ArticlesUnpublished: 'Articles taken down',
  CommentsPosted: 'Comments received, whatever their fate',
  CommentsHeld: 'Comments held for a moderator (pending)',
  CommentsApproved: 'Comments that became public',
  CommentsRejected: 'Comments rejected or marked spam',
} as const;

export type BusinessMetric = keyof typeof BUSINESS_METRICS;
export type MetricCounts = Partial<Record<BusinessMetric, number>>;

/** The EMF document for these counts, or null when there is nothing to report. */
export function emfDocument(counts: MetricCounts, stage: string, at: Date): Record<string, unknown> | null {
  return countsDocument(counts, { [METRICS_DIMENSION]: stage }, at);
}

/** One EMF document: the non-zero counts, as Count metrics, by exactly these dimensions. */
function countsDocument(
  counts: Readonly<Record<string, number | undefined>>,
  dimensions: Readonly<Record<string, string>>,
  at: Date,
): Record<string, unknown> | null {
  const entries = Object.entries(counts).filter(([, n]) => typeof n === 'number' && n > 0);
  if (entries.length === 0) return null;
  return {
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [Object.keys(dimensions)],
          Metrics: entries.map(([Name]) => ({ Name, Unit: 'Count' })),
        },
      ],
    },
    ...dimensions,
    ...Object.fromEntries(entries),
  };
}

/**
 * Answers of an API function with a 5xx status, counted by the dispatcher: with the function's
 * Invocations they give its 5xx rate (an error the dispatcher catches is a 500 problem document
 * and no Lambda error at all). By stage and function (the construct id, e.g. editorial).
 */
export const SERVER_ERRORS_METRIC = 'ServerErrors';
export const FUNCTION_DIMENSION = 'Function';

export function serverErrorsDocument(
  count: number,
  where: { stage: string; fn: string },
  at: Date,
): Record<string, unknown> | null {
  return countsDocument(
    { [SERVER_ERRORS_METRIC]: count },
    { [METRICS_DIMENSION]: where.stage, [FUNCTION_DIMENSION]: where.fn },
    at,
  );
}

/** Writes the counts as one EMF line (stdout is what Lambda sends to CloudWatch Logs). */
export function emitMetrics(
  counts: MetricCounts,
  stage: string,
  {
    at = new Date(),
    sink = (line: string) => console.log(line),
  }: { at?: Date; sink?: (line: string) => void } = {},
): void {
  const document = emfDocument(counts, stage, at);
  if (document) sink(JSON.stringify(document));
}

/** Writes one 5xx answer of this function as an EMF line. */
export function emitServerError(
  where: { stage: string; fn: string },
  {
    at = new Date(),
    sink = (line: string) => console.log(line),
  }: { at?: Date; sink?: (line: string) => void } = {},
): void {
  const document = serverErrorsDocument(1, where, at);
  if (document) sink(JSON.stringify(document));
}
