/**
 * `POST /api/dev/login` (embedded default only; absent on AWS, where the widget signs in with Amplify
 * against the real user pool): username and password → an ID token from the local Cognito, so curl
 * and the tests can act as the demo users.
 */
import { z } from 'zod';
import { type HttpRequest, type HttpResponse, json } from '../shared/http.js';
import { LoginError } from './demoUsers.js';

const loginSchema = z.strictObject({
  username: z.string().trim().min(3).max(200),
  password: z.string().min(1).max(200),
});

export function createDevLogin(login: (username: string, password: string) => Promise<string>) {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    if (request.method !== 'POST') return json(405, { error: 'method_not_allowed', message: 'Use POST.' });
    let body: unknown;
    try {
      body = JSON.parse(request.body ?? '');
    } catch {
      return json(400, { error: 'invalid_json', message: 'The body is not valid JSON.' });
    }
    const parsed = loginSchema.safeParse(body);
    if (!parsed.success) {
      return json(400, { error: 'invalid_request', message: 'Send {"username", "password"}.' });
    }
    try {
      return json(200, { idToken: await login(parsed.data.username, parsed.data.password) });
    } catch (error) {
      if (error instanceof LoginError) return json(401, { error: 'unauthorized', message: error.message });
      throw error;
    }
  };
}
