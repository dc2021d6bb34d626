/**
 * The Lambda functions. Each is bundled from its TypeScript entry by the local esbuild (no
 * Docker), runs Node 22 on arm64, logs to its own retained, encrypted log group, and has its own
 * role that starts empty: every permission it gets is a grant made next to the environment
 * variable that needs it (see stateless-stack.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionName } from '../stateful/logs.js';

/** The repository root: entries and the lock file are resolved from here, not from the cwd. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Node.js 22: Lambda deprecated Node 20 on 2026-04-30 and blocks creating Node 20 functions from
 * 2027-02-01, so a new deployment must not start on it. 22 is the LTS nearest the Node 20 toolchain
 * the code is tested on (bundles target node20 syntax, which 22 runs unchanged).
 */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_22_X;

interface FunctionSpec {
  entry: string;
  /** The entry's export Lambda calls; `handler` when absent. */
  handler?: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  /**
   * Packages the entry's dependencies require at load time but never call on Lambda, replaced in
   * the bundle by a stub that throws if reached (esbuild `alias`; paths from the repository root).
   */
  stubs?: { packages: string[]; with: string };
  /**
   * Reserved concurrency: a cap (and a guarantee) for functions whose bursts could starve the others
   * or the table. It is subtracted from the account's unreserved pool (default 1,000 per Region, of
   * which Lambda keeps at least 100 unreserved), so the sum stays small: 20 + 5 + 10 = 35. An account
   * still at the 10-concurrency quota of new accounts cannot deploy any reservation; raise the quota
   * first.
   */
  reservedConcurrency?: number;
}

/**
 * Entry files and the export each function runs (`handler` unless named). Owners: fulfillment/
 * (foundation), adapters/* (channels, alerts, documents).
 */
export const FUNCTION_SPECS: Record<FunctionName, FunctionSpec> = {
  fulfillment: {
    entry: 'fulfillment/handler.ts',
    description: 'Lex V2 code hook: intents, domain rules, DynamoDB',
    memorySize: 1024,
    // Lex waits at most 30 s for a code hook; fail well before so Lex can answer politely.
    timeout: Duration.seconds(10),
  },
  web: {
    entry: 'adapters/web/lambda.ts',
    description: 'Web chat API (widget) → Lex',
    memorySize: 512,
    timeout: Duration.seconds(15),
  },
  slack: {
    entry: 'adapters/slack/lambda.ts',
    description: 'Slack events and /blood command (Bolt) → Lex',
    memorySize: 512,
    timeout: Duration.seconds(15),
    // Bolt loads all its receivers; the Lambda runs AwsLambdaReceiver only (2.2 MB → 0.8 MB).
    stubs: { packages: ['undici', 'raw-body', 'express'], with: 'adapters/slack/notOnLambda.cjs' },
    // Both doors (Slack's HTTP request and the SNS-delivered worker) share it: a burst of Slack work
    // waits in SNS's async retries instead of taking the chat functions' concurrency or the table's.
    reservedConcurrency: 20,
  },
  sms: {
    entry: 'adapters/sms/lambda.ts',
    description: 'Inbound SMS (End User Messaging via SNS) → Lex → SMS reply',
    memorySize: 512,
    timeout: Duration.seconds(30),
  },
  alerts: {
    entry: 'adapters/alerts/lambda.ts',
    description: 'Expiry sweep, stock checks and shortage alerts',
    memorySize: 1024,
    // A broadcast to many donors is paced to SNS limits; give it room.
    timeout: Duration.minutes(5),
    // Sweeps and broadcasts are background work; a few at once is plenty and keeps SNS paced.
    reservedConcurrency: 5,
  },
  documents: {
    entry: 'adapters/documents/lambda.ts',
    description: 'Documents and reports API: donor documents, latest stock report, audit exports',
    // Uploads are decoded from base64 in memory (4 MiB files).
    memorySize: 1024,
    // Under the API's 29 s integration timeout (api.ts), so the function fails before the API gives up.
    timeout: Duration.seconds(28),
    // Uploads and audit exports are heavy (1 GiB, up to 28 s each); ten at once at most.
    reservedConcurrency: 10,
  },
  // The only function that renders the chart (Vega-Lite): the daily run and POST /api/reports/stock.
  // It needs neither the API's other routes nor their grants on donor documents and audit exports.
  documentsReport: {
    entry: 'adapters/documents/reportLambda.ts',
    description: 'Stock report, daily and on demand: chart and CSV under reports/, summary to staff Slack',
    memorySize: 1024,
    timeout: Duration.minutes(2),
  },
  // Test results from the lab system (issue 14): the one HTTP door that changes clinical state, so
  // it is a function of its own, the only one holding the lab's service credential.
  labResults: {
    entry: 'adapters/web/labLambda.ts',
    description: 'Lab results API: screening and ABO/RhD results from the lab system (JSON or CSV)',
    memorySize: 512,
    // Under the API's 29 s integration timeout: a batch of up to 2,000 rows, each DIN one transaction.
    timeout: Duration.seconds(28),
  },
};

/** Thrown at synth time when an entry file does not exist yet, naming the file and the function. */
export class MissingEntryError extends Error {
  override name = 'MissingEntryError';
}

export function resolveEntry(name: FunctionName, root = REPO_ROOT): string {
  const entry = join(root, FUNCTION_SPECS[name].entry);
  if (!existsSync(entry)) {
    throw new MissingEntryError(
      `Lambda "${name}": entry ${relative(root, entry)} does not exist. It must export ` +
        `\`${FUNCTION_SPECS[name].handler ?? 'handler'}\`; ` +
        'synth cannot bundle the stateless stack until it is written.',
    );
  }
  return entry;
}

/** esbuild `alias` entries (`package=path`) for a spec's stubs, absolute so the cwd does not matter. */
export function stubAliases(stubs: NonNullable<FunctionSpec['stubs']>, root = REPO_ROOT): string[] {
  return stubs.packages.map((name) => `${name}=${join(root, stubs.with)}`);
}

export interface AppFunctionProps {
  name: FunctionName;
  logGroup: logs.ILogGroup;
}

export class AppFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const spec = FUNCTION_SPECS[props.name];
    const entry = resolveEntry(props.name);

    // Not AWSLambdaBasicExecutionRole: that allows creating and writing any log group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Blood bank ${props.name} function`,
    });
    props.logGroup.grantWrite(this.role);

    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      entry,
      handler: spec.handler ?? 'handler',
      description: spec.description,
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memorySize,
      timeout: spec.timeout,
      ...(spec.reservedConcurrency ? { reservedConcurrentExecutions: spec.reservedConcurrency } : {}),
      role: this.role,
      logGroup: props.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: props.name,
        LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: 'node20', // the tested toolchain's syntax level; runs unchanged on LAMBDA_RUNTIME
        platform: 'node',
        mainFields: ['module', 'main'],
        // ESM output still meets CommonJS dependencies that call require(); give them one.
        banner:
          "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // The SDK is bundled at the version the code was tested with, not the runtime's copy; measured,
        // that also imports faster than the runtime's SDK loaded file by file (BENCHMARKS.md §3).
        bundleAwsSDK: true,
        externalModules: [],
        ...(spec.stubs ? { esbuildArgs: { '--alias': stubAliases(spec.stubs) } } : {}),
      },
    });

    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 on purpose rather than the newest (24): it is the supported LTS closest to the Node 20 ' +
        'toolchain the tests run on, so deployed code runs on the runtime family it is tested against.',
    });
  }
}
