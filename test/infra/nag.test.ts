/**
 * cdk-nag's AwsSolutions checks run as a validation plugin on every synth: these tests prove the app
 * synthesizes with no unacknowledged finding, that every acknowledgement carries a specific reason,
 * and that an unacknowledged finding really does fail synth.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { MissingEntryError, resolveEntry } from '../../infra/lib/stateless/functions.js';
import { synthRun, type ValidationReport } from './synth.js';

let synthError: unknown;
let report: ValidationReport;
let acknowledgements: { path: string; id: string; reason: string }[];

beforeAll(() => {
  const run = synthRun();
  synthError = run.synthError;
  report = run.validationReport();
  // cdk-nag filters acknowledged findings itself, so they are read from where acknowledge() puts them.
  acknowledgements = run.app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}, 180_000);

describe('cdk-nag AwsSolutions', () => {
  it('synthesizes with no unacknowledged finding (error or warning)', () => {
    // Assess
    expect(synthError instanceof Error ? synthError.message : synthError).toBeUndefined();
    const nag = report.pluginReports.filter((r) => r.pluginName === 'AwsSolutions');
    expect(nag.flatMap((r) => r.violations)).toEqual([]);
  });

  it('gives every acknowledgement a specific reason, on the resource it excuses', () => {
    // Assess
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const ack of acknowledgements) {
      expect(ack.reason.length, `${ack.path} ${ack.id} needs a real reason`).toBeGreaterThanOrEqual(60);
      // Never a whole stack: "Stack/Construct" at least.
      expect(ack.path.split('/').length, `${ack.id} is acknowledged on a whole stack`).toBeGreaterThan(1);
    }
  });

  it('fails synth on a finding nobody acknowledged', () => {
    // Prepare
    const app = new App({
      outdir: mkdtempSync(join(tmpdir(), 'bloodbank-nag-bad-')),
      builtinCloudFormationValidation: false,
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    new sns.Topic(new Stack(app, 'Careless'), 'PlainTopic');
    // Act
    const act = () => app.synth();
    // Assess
    expect(act).toThrow(/AwsSolutions-SNS3/);
  });
});

describe('Lambda entries', () => {
  it('fails with the file and function named when an entry does not exist yet', () => {
    // Prepare
    const emptyRoot = mkdtempSync(join(tmpdir(), 'bloodbank-entries-'));
    // Act
    const act = () => resolveEntry('alerts', emptyRoot);
    // Assess
    expect(act).toThrow(MissingEntryError);
    expect(act).toThrow(/Lambda "alerts": entry adapters\/alerts\/lambda\.ts does not exist/);
  });
});
