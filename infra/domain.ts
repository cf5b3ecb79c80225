/**
 * The newsroom's own host for the console and the API (`-c domain=cms.example.org
 * -c certificateArn=arn:aws:acm:us-east-1:...`), checked at synth so that a mistake stops `cdk
 * deploy` before CloudFormation starts, rather than half way through a distribution update.
 */
export interface CustomDomain {
  /** Lowercase host name, e.g. cms.example.org. */
  readonly name: string;
  /** An ACM certificate in us-east-1 that covers `name`. */
  readonly certificateArn: string;
  /** A Route 53 public hosted zone the stack adds the alias records to; without it the operator adds a CNAME. */
  readonly hostedZoneId?: string;
}

/** CloudFront reads viewer certificates from this region only, whichever region the stack is in. */
export const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

/** The oldest protocol a viewer may use on the custom domain: TLS 1.2 with current ciphers only. */
export const MINIMUM_VIEWER_TLS = 'TLSv1.2_2021';

const LABEL = '(?!-)[a-z0-9-]{1,63}(?<!-)';
const HOST_NAME = new RegExp(`^(?=.{1,253}$)${LABEL}(\\.${LABEL})*\\.[a-z]{2,63}$`);
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]+$/;
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

export interface DomainInput {
  readonly domain?: string | undefined;
  readonly certificateArn?: string | undefined;
  readonly hostedZoneId?: string | undefined;
}

/** The custom domain these values describe, undefined for none, or an error that says what to fix. */
export function parseCustomDomain({
  domain,
  certificateArn,
  hostedZoneId,
}: DomainInput): CustomDomain | undefined {
  if (domain === undefined && certificateArn === undefined) {
    if (hostedZoneId !== undefined)
      throw new Error(
        'Context "hostedZoneId" needs "domain" and "certificateArn" too: it is where the domain is added',
      );
    return undefined;
  }
  if (domain === undefined)
    throw new Error(
      'Context "certificateArn" needs "domain" too: -c domain=cms.example.org -c certificateArn=arn:aws:acm:us-east-1:...',
    );
  if (certificateArn === undefined)
    throw new Error(
      `Context "domain" needs "certificateArn" too: an ACM certificate for ${domain} in ${CLOUDFRONT_CERTIFICATE_REGION}`,
    );

  const name = domain.trim().toLowerCase();
  if (!HOST_NAME.test(name))
    throw new Error(
      `Context "domain" must be a host name such as cms.example.org (no scheme, path, port, wildcard or trailing dot), got "${domain}"`,
    );

  const arn = CERTIFICATE_ARN.exec(certificateArn.trim());
  if (!arn)
    throw new Error(
      `Context "certificateArn" must be an ACM certificate ARN (arn:aws:acm:${CLOUDFRONT_CERTIFICATE_REGION}:<account>:certificate/<id>), got "${certificateArn}"`,
    );
  if (arn[1] !== CLOUDFRONT_CERTIFICATE_REGION)
    throw new Error(
      `The certificate is in ${arn[1]}, but CloudFront only uses certificates from ${CLOUDFRONT_CERTIFICATE_REGION}: request or import one for ${name} there (the stack itself may stay in ${arn[1]})`,
    );

  if (hostedZoneId !== undefined && !HOSTED_ZONE_ID.test(hostedZoneId.trim()))
    throw new Error(
      `Context "hostedZoneId" must be a Route 53 hosted zone id such as Z0123456789ABC, got "${hostedZoneId}"`,
    );

  return {
    name,
    certificateArn: certificateArn.trim(),
    ...(hostedZoneId === undefined ? {} : { hostedZoneId: hostedZoneId.trim() }),
  };
}

/** The https origin the console is served on with this domain. */
export const originOf = (domain: CustomDomain): string => `https://${domain.name}`;
