/**
 * The last answer given to each Slack conversation (team, user, channel), kept a day, so `/blood
 * status` can show it again when Slack could not take it the first time (issue 12, finding 3). One
 * item per conversation, overwritten by each answer; it expires with the table's TTL.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TTL_ATTRIBUTE } from '../table.js';
import { StoreBase } from './base.js';

export const SLACK_ANSWER_TTL_SECONDS = 24 * 60 * 60;

const answerKey = (conversation: string) => ({ pk: `SLACKANSWER#${conversation}`, sk: 'META' });

export interface StoredSlackAnswer {
  text: string;
  blocks: unknown[];
  at: string;
}

export class DynamoSlackAnswers extends StoreBase {
  async remember(conversation: string, answer: { text: string; blocks: unknown[] }): Promise<void> {
    const now = this.now();
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...answerKey(conversation),
          type: 'slack_answer',
          text: answer.text,
          blocks: JSON.stringify(answer.blocks),
          at: now.toISOString(),
          [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + SLACK_ANSWER_TTL_SECONDS,
        },
      }),
    );
  }

  async recall(conversation: string): Promise<StoredSlackAnswer | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: answerKey(conversation) }));
    const item = out.Item;
    if (!item || Number(item[TTL_ATTRIBUTE]) < Math.floor(this.now().getTime() / 1000)) return null;
    return {
      text: String(item.text),
      blocks: JSON.parse(String(item.blocks)) as unknown[],
      at: String(item.at),
    };
  }
}
