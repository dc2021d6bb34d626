/** `npm run synth` / `npx cdk deploy --all`: see infra/lib/app.ts and README "Deploy to AWS". */
import { createApp } from '../lib/app.js';

createApp().app.synth();
