/**
 * The Lex V2 bot, generated from bots/ (never written inline here): the locale comes from
 * `toCfnBotLocale`, so the deployed intents, slots and slot types are exactly the ones the local
 * runtime interprets. A version is cut from DRAFT whenever the definition changes, and the `live`
 * alias points at it with the fulfillment Lambda as code hook and text conversation logs.
 */
import { createHash } from 'node:crypto';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lex from 'aws-cdk-lib/aws-lex';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { toCfnBotLocale } from '../../../bots/lex/toLexBot.js';
import type { BotDefinition } from '../../../bots/schema.js';
import { encryptedLogGroup } from '../stateful/logs.js';

export const BOT_ALIAS_NAME = 'live';

export interface BotProps {
  definition: BotDefinition;
  fulfillment: lambda.IFunction;
  logsKey: kms.IKey;
}

export class Bot extends Construct {
  readonly bot: lex.CfnBot;
  readonly alias: lex.CfnBotAlias;
  readonly conversationLogs: logs.LogGroup;
  readonly localeId: string;

  constructor(scope: Construct, id: string, props: BotProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const locale = toCfnBotLocale(props.definition, { fulfillmentEnabled: true });
    this.localeId = props.definition.localeId;

    // Transcripts are the audit trail: kept a year, encrypted, contact details masked at ingestion
    // so reading them needs the separate logs:Unmask permission. Retained with the stack's deletion.
    this.conversationLogs = encryptedLogGroup(
      this,
      'ConversationLogs',
      props.logsKey,
      logs.RetentionDays.ONE_YEAR,
      new logs.DataProtectionPolicy({
        name: 'mask-donor-contact-details',
        description: 'Masks e-mail addresses and phone numbers in Lex transcripts',
        identifiers: [
          logs.DataIdentifier.EMAILADDRESS,
          logs.DataIdentifier.PHONENUMBER_US,
          logs.DataIdentifier.PHONENUMBER_GB,
        ],
      }),
    );

    // The bot's runtime role: text only (no Polly, no Comprehend), so all it needs is to write
    // conversation logs.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lexv2.amazonaws.com'),
      description: 'Blood bank Lex V2 bot runtime role',
    });
    this.conversationLogs.grantWrite(role);

    this.bot = new lex.CfnBot(this, 'Bot', {
      name: `${stack.stackName}-${props.definition.name}`,
      description: props.definition.description,
      roleArn: role.roleArn,
      // CloudFormation casing: this property is untyped in CDK and passed through as is.
      dataPrivacy: { ChildDirected: false },
      idleSessionTtlInSeconds: props.definition.idleSessionTtlInSeconds,
      botLocales: [locale],
      autoBuildBotLocales: true,
    });

    // A bot version is immutable; naming the resource after the definition's hash makes any change
    // to bots/ cut a new version (and move the alias to it) instead of silently keeping the old one.
    const hash = createHash('sha256').update(JSON.stringify(locale)).digest('hex').slice(0, 8);
    const version = new lex.CfnBotVersion(this, `Version${hash}`, {
      botId: this.bot.attrId,
      description: `bots/ definition ${hash}`,
      botVersionLocaleSpecification: [
        { localeId: this.localeId, botVersionLocaleDetails: { sourceBotVersion: 'DRAFT' } },
      ],
    });

    this.alias = new lex.CfnBotAlias(this, 'LiveAlias', {
      botId: this.bot.attrId,
      botAliasName: BOT_ALIAS_NAME,
      botVersion: version.attrBotVersion,
      description: 'What the channels talk to',
      botAliasLocaleSettings: [
        {
          localeId: this.localeId,
          botAliasLocaleSetting: {
            enabled: true,
            codeHookSpecification: {
              lambdaCodeHook: { lambdaArn: props.fulfillment.functionArn, codeHookInterfaceVersion: '1.0' },
            },
          },
        },
      ],
      conversationLogSettings: {
        textLogSettings: [
          {
            enabled: true,
            destination: {
              cloudWatch: {
                cloudWatchLogGroupArn: this.conversationLogs.logGroupArn,
                logPrefix: `${BOT_ALIAS_NAME}/`,
              },
            },
          },
        ],
      },
      sentimentAnalysisSettings: { DetectSentiment: false },
    });
    // Lex validates log delivery when the alias is created: the role's policy must exist first.
    this.alias.node.addDependency(role);

    // Only this alias of this bot may invoke fulfillment, not any Lex bot in any account.
    props.fulfillment.addPermission('InvokeFromLexAlias', {
      principal: new iam.ServicePrincipal('lexv2.amazonaws.com'),
      action: 'lambda:InvokeFunction',
      sourceArn: this.alias.attrArn,
      sourceAccount: stack.account,
    });
  }

  get botId(): string {
    return this.bot.attrId;
  }

  get aliasId(): string {
    return this.alias.attrBotAliasId;
  }

  /** Lets `grantee` hold conversations with the live alias (RecognizeText), nothing else. */
  grantRecognizeText(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['lex:RecognizeText'],
      resourceArns: [this.alias.attrArn],
    });
  }
}
