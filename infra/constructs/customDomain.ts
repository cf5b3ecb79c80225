import {
  aws_certificatemanager as acm,
  CfnOutput,
  aws_cloudfront as cloudfront,
  aws_route53 as route53,
  aws_route53_targets as targets,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { CustomDomain } from '../domain.ts';

/**
 * What the distribution needs to answer on the newsroom's host: the alias, the imported certificate
 * and a TLS floor. Nothing without a domain: CloudFront's own *.cloudfront.net name and certificate.
 */
export function distributionDomainProps(
  scope: Construct,
  domain: CustomDomain | undefined,
): Pick<cloudfront.DistributionProps, 'domainNames' | 'certificate' | 'minimumProtocolVersion'> {
  if (!domain) return {};
  return {
    domainNames: [domain.name],
    certificate: acm.Certificate.fromCertificateArn(scope, 'Certificate', domain.certificateArn),
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
  };
}

export interface DomainRecordsProps {
  readonly domain: CustomDomain;
  readonly distribution: cloudfront.IDistribution;
}

/**
 * Points the newsroom's host at the distribution. With a hosted zone, the stack adds the alias
 * records (A and AAAA: the distribution answers over IPv6 too); without one, the `DnsRecord`
 * output says which record to create wherever the domain's DNS is kept.
 */
export class DomainRecords extends Construct {
  constructor(scope: Construct, id: string, { domain, distribution }: DomainRecordsProps) {
    super(scope, id);
    const target = distribution.distributionDomainName;
    if (domain.hostedZoneId) {
      const zone = route53.HostedZone.fromHostedZoneId(this, 'Zone', domain.hostedZoneId);
      const alias = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(distribution));
      // A trailing dot makes the name absolute, so the zone's name need not be known here.
      const recordName = `${domain.name}.`;
      new route53.ARecord(this, 'Alias', { zone, recordName, target: alias });
      new route53.AaaaRecord(this, 'AliasIpv6', { zone, recordName, target: alias });
    }
    new CfnOutput(scope, 'DnsRecord', {
      value: domain.hostedZoneId
        ? `${domain.name} ALIAS (A and AAAA) ${target}, created by this stack in hosted zone ${domain.hostedZoneId}`
        : `${domain.name} CNAME ${target}`,
      description: domain.hostedZoneId
        ? 'The alias records this stack keeps for the custom domain'
        : 'Create this record where the domain is hosted (in Route 53, an alias A and AAAA record to the distribution also works)',
    });
  }
}
