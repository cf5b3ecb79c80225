import { App } from 'aws-cdk-lib';
import { CmsStack } from './stack.ts';

// `cdk deploy -c stage=prod` for production; the default is a disposable dev stage.
const app = new App();
const stage: unknown = app.node.tryGetContext('stage') ?? 'dev';
if (typeof stage !== 'string') throw new Error('Context "stage" must be a string, e.g. -c stage=prod');

new CmsStack(app, `NewsroomCms-${stage}`, {
  stage,
  description: `Newsroom CMS (${stage}): serverless headless CMS`,
});
