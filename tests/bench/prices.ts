/**
 * On-demand prices the benchmark turns its figures into, in one place. Region us-east-1 (N.
 * Virginia), USD, as AWS published them on its price pages (Lambda, API Gateway, DynamoDB) when
 * last checked: 2025-11 (DynamoDB's on-demand prices as cut on 2024-11-01). This machine has no
 * internet: check the pages before quoting a figure, and change them here only.
 */
export const PRICES = {
  region: 'us-east-1',
  checked: '2025-11',
  /** Lambda on arm64: per GB-second of duration (first tier) and per request. */
  lambdaArmGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  /** API Gateway REST API: per million requests (first 333 million a month). */
  apiGatewayRestPerMillion: 3.5,
  /** DynamoDB on-demand: per million read request units and per million write request units. */
  dynamoPerMillionRru: 0.125,
  dynamoPerMillionWru: 0.625,
} as const;

export interface CostInput {
  /** Billed Lambda duration per request, ms (Lambda bills per ms). */
  lambdaMs: number;
  memoryMb: number;
  /** Read and write request units per request (on-demand units equal the capacity units reported). */
  rru: number;
  wru: number;
  /** Whether the request comes through API Gateway (every HTTP route does; events do not). */
  viaApiGateway: boolean;
}

/** The cost of a million such requests, by what bills it, in USD. */
export function costPerMillion({ lambdaMs, memoryMb, rru, wru, viaApiGateway }: CostInput) {
  const lambda =
    PRICES.lambdaPerMillionRequests +
    1e6 * (Math.ceil(lambdaMs) / 1000) * (memoryMb / 1024) * PRICES.lambdaArmGbSecond;
  const apiGateway = viaApiGateway ? PRICES.apiGatewayRestPerMillion : 0;
  const dynamodb = rru * PRICES.dynamoPerMillionRru + wru * PRICES.dynamoPerMillionWru;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    lambda: round(lambda),
    apiGateway: round(apiGateway),
    dynamodb: round(dynamodb),
    total: round(lambda + apiGateway + dynamodb),
  };
}
