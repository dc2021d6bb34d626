/**
 * The documents Lambda's configuration: read once, failing fast with the variable's name, and the
 * Slack token fetched only when the daily report is to be posted.
 */
import { describe, expect, it } from 'vitest';
import { loadDocumentsConfig } from '../../../adapters/documents/config.js';
import { ConfigError } from '../../../fulfillment/errors.js';

const BASE = {
  TABLE_NAME: 'bloodbank',
  DOCUMENTS_BUCKET: 'bloodbank-documents-123',
  DOCUMENTS_KMS_KEY_ID: 'arn:aws:kms:eu-west-2:111122223333:key/abc',
  COGNITO_USER_POOL_ID: 'eu-west-2_AbCdEf123',
  COGNITO_CLIENT_ID: 'client-1',
};
const noSecrets = async (_env: NodeJS.ProcessEnv, name: string): Promise<string> => {
  throw new ConfigError(`unexpected secret ${name}`);
};

describe('documents configuration', () => {
  it('reads the bucket, key and user pool', async () => {
    const config = await loadDocumentsConfig(BASE, noSecrets);
    expect(config).toMatchObject({
      bucket: 'bloodbank-documents-123',
      kmsKeyId: BASE.DOCUMENTS_KMS_KEY_ID,
      cognito: { issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbCdEf123' },
      timeZone: 'UTC',
    });
    expect(config.slack).toBeUndefined();
  });

  it.each([
    [{ DOCUMENTS_BUCKET: undefined }, 'DOCUMENTS_BUCKET'],
    [{ DOCUMENTS_BUCKET: 'Not_A_Bucket' }, 'DOCUMENTS_BUCKET'],
    [{ COGNITO_USER_POOL_ID: 'pool' }, 'COGNITO_USER_POOL_ID'],
    [{ TIME_ZONE: 'Mars/Olympus' }, 'TIME_ZONE'],
    [{ SLACK_STAFF_CHANNEL: '#staff' }, 'SLACK_STAFF_CHANNEL'],
  ])('fails fast on %j, naming %s', async (overrides, name) => {
    await expect(loadDocumentsConfig({ ...BASE, ...overrides }, noSecrets)).rejects.toThrow(
      new RegExp(`Invalid documents configuration: .*${name}`),
    );
  });

  it('resolves the Slack bot token only when a staff channel is set', async () => {
    const asked: string[] = [];
    const config = await loadDocumentsConfig(
      { ...BASE, SLACK_STAFF_CHANNEL: 'C0STAFF' },
      async (_env, name) => {
        asked.push(name);
        return 'xoxb-token';
      },
    );
    expect(asked).toEqual(['SLACK_BOT_TOKEN']);
    expect(config.slack).toEqual({ channel: 'C0STAFF', botToken: 'xoxb-token' });
  });
});
