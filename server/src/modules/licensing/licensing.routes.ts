import { Type } from 'typebox';
import {
  Application,
  ApplicationEvent,
  ApplicationListQuery,
  ApplicationPage,
  AppraiseApplicationBody,
  CreateApplicationBody,
  CreateLicenceBody,
  DecideApplicationBody,
  IdParams,
  Licence,
  LicenceListQuery,
  LicencePage,
  ReturnApplicationBody,
  UpdateApplicationBody,
} from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { ApplicationService } from './application.service.js';
import type { LicenceService } from './licence.service.js';

export function licensingRoutes(app: Http, licences: LicenceService, applications: ApplicationService): void {
  const tags = ['licensing'];
  app.get(
    '/api/v1/licences',
    {
      schema: {
        tags,
        summary: 'Licences, declaration certificates and certificates, with expiry reminders',
        querystring: LicenceListQuery,
        response: { 200: LicencePage, ...errors },
      },
    },
    async (request) => licences.list(actorOf(request), request.query),
  );
  app.get(
    '/api/v1/licences/:id',
    { schema: { tags, params: IdParams, response: { 200: Licence, ...errors } } },
    async (request) => licences.get(actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/licences',
    {
      schema: {
        tags,
        summary: 'Record a licence issued by another authority or before Sievert',
        body: CreateLicenceBody,
        response: { 201: Licence, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await licences.create(actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/applications',
    {
      schema: {
        tags,
        summary: 'Licence applications in my scope',
        querystring: ApplicationListQuery,
        response: { 200: ApplicationPage, ...errors },
      },
    },
    async (request) => applications.list(actorOf(request), request.query),
  );
  app.get(
    '/api/v1/applications/:id',
    { schema: { tags, params: IdParams, response: { 200: Application, ...errors } } },
    async (request) => applications.get(actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/applications/:id/events',
    {
      schema: {
        tags,
        summary: 'What happened to the application, oldest first',
        params: IdParams,
        response: { 200: Type.Array(ApplicationEvent), ...errors },
      },
    },
    async (request) => applications.events(actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/applications',
    {
      schema: {
        tags,
        summary: 'Start an application (draft)',
        body: CreateApplicationBody,
        response: { 201: Application, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await applications.create(actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/applications/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft or a returned application',
        params: IdParams,
        body: UpdateApplicationBody,
        response: { 200: Application, ...errors },
      },
    },
    async (request) => applications.update(actorOf(request), request.params.id, request.body),
  );
  const step = (
    path: string,
    summary: string,
    run: (actorId: ReturnType<typeof actorOf>, id: number, body: never) => Promise<Application>,
    body?: object,
  ) =>
    app.post(
      `/api/v1/applications/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: IdParams,
          ...(body ? { body } : {}),
          response: { 200: Application, ...errors },
        },
      },
      async (request) => run(actorOf(request), request.params.id, request.body as never),
    );
  step('submit', 'Send the dossier to the Department (the statutory clock starts)', (a, id) =>
    applications.submit(a, id),
  );
  step('withdraw', 'Withdraw the application', (a, id) => applications.withdraw(a, id));
  step(
    'return',
    'Return for completion, with reasons',
    (a, id, b: { reasons: string[] }) => applications.returnForCompletion(a, id, b.reasons),
    ReturnApplicationBody,
  );
  step('accept', 'Accept the dossier as complete; appraisal starts', (a, id) => applications.accept(a, id));
  step(
    'appraise',
    'Record the appraisal checklist and recommendation',
    (a, id, b: AppraiseApplicationBody) => applications.appraise(a, id, b),
    AppraiseApplicationBody,
  );
  step(
    'decide',
    'Approve (issues the licence) or refuse with reasons',
    (a, id, b: DecideApplicationBody) => applications.decide(a, id, b),
    DecideApplicationBody,
  );
}
