/**
 * Widget hosting: the one-script-tag widget and its demo page in a private S3 bucket, served only
 * through CloudFront (origin access control), HTTPS only, with security headers. The files are
 * uploaded after `cdk deploy` (README "Deploy to AWS"), so synth never depends on a widget build.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface HostingProps {
  /** The web API's base URL: the demo page may call it (CSP connect-src). */
  apiUrl: string;
  /** Sites that embed the widget script (they load it cross-origin). */
  embeddingOrigins: string[];
  /** Optional custom domain with an ACM certificate in us-east-1: enables TLS 1.2+ only. */
  domainName?: string;
  certificateArn?: string;
}

export class Hosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: HostingProps) {
    super(scope, id);
    const region = Stack.of(this).region;

    // CloudFront's standard logs are delivered with ACLs, hence object-writer ownership here only.
    const logs = new s3.Bucket(this, 'Logs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(400) }],
    });

    this.bucket = new s3.Bucket(this, 'Widget', {
      // Public assets (a script and a demo page): S3-managed keys keep OAC simple; nothing secret here.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'widget-bucket/',
      lifecycleRules: [{ id: 'expire-old-builds', noncurrentVersionExpiration: Duration.days(30) }],
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Blood bank widget: HSTS, no sniffing, no framing, strict CSP for the demo page',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            `connect-src 'self' ${props.apiUrl} https://cognito-idp.${region}.amazonaws.com`,
            "img-src 'self' data:",
            // The widget styles its bubbles inline (shadow DOM style attributes).
            "style-src 'self' 'unsafe-inline'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
          ].join('; '),
          override: true,
        },
      },
      // Embedding sites load the script cross-origin (type=module needs CORS).
      ...(props.embeddingOrigins.length > 0
        ? {
            corsBehavior: {
              accessControlAllowOrigins: props.embeddingOrigins,
              accessControlAllowMethods: ['GET', 'HEAD'],
              accessControlAllowHeaders: ['*'],
              accessControlAllowCredentials: false,
              originOverride: true,
            },
          }
        : {}),
    });

    const custom =
      props.domainName && props.certificateArn
        ? {
            domainNames: [props.domainName],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {};

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Blood bank chat widget and demo page',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...custom,
    });

    if (!props.certificateArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain CloudFront serves the *.cloudfront.net certificate, whose security policy ' +
          'cannot be raised. Set context widgetDomainName + widgetCertificateArn to get TLSv1.2_2021 (README).',
      });
    }
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'Donors reach the widget from the service website wherever they are (travel, border regions); ' +
        'the content is a public script and demo page, so geo restriction would only lock donors out.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'Static public files with no input handling; a CloudFront web ACL must live in us-east-1, which an ' +
        'environment-agnostic stack cannot create. The API that does take input is throttled per stage and per principal.',
    });
  }
}
