import { ExerciseReport, IdParams, IncidentRegisterQuery } from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { ExerciseService } from './exercise.service.js';
import type { IncidentDocumentService, IncidentFile } from './incident-documents.js';

/** `attachment` with the ASCII file name (the names built here are ASCII). */
const disposition = (file: IncidentFile) => `attachment; filename="${file.filename}"`;

/** The incident's documents (report, register) and the exercise report. */
export function incidentExtraRoutes(
  app: Http,
  services: { incidentDocuments: IncidentDocumentService; exercises: ExerciseService },
): void {
  const tags = ['incidents'];
  app.get(
    '/api/v1/incidents/register.xlsx',
    {
      schema: {
        tags,
        summary:
          'The register of the incidents the caller may see (the list’s filters), as a spreadsheet: number, report time, kind, title, commune, state, severity, INES, exercise, closing time, statutory deadlines met on time, late or overdue',
        querystring: IncidentRegisterQuery,
      },
    },
    async (request, reply) => {
      const file = await services.incidentDocuments.register(actorOf(request), request.query);
      return reply
        .type(file.contentType)
        .header('content-disposition', disposition(file))
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );
  app.get(
    '/api/v1/incidents/:id/report.docx',
    {
      schema: {
        tags,
        summary:
          'The incident report as a Word document in the layout of Decree 30/2020/NĐ-CP (Vietnamese); an exercise’s is labelled DIỄN TẬP and gives its timings; 404 when the caller may not see the incident',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const file = await services.incidentDocuments.report(actorOf(request), request.params.id);
      return reply
        .type(file.contentType)
        .header('content-disposition', disposition(file))
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );
  app.get(
    '/api/v1/incidents/:id/exercise-report',
    {
      schema: {
        tags,
        summary:
          'How fast the response went: seconds from the incident’s creation to the first task acknowledged, the first decision, the cordon and the first approved public notice (null: not yet), with every such step',
        params: IdParams,
        response: { 200: ExerciseReport, ...errors },
      },
    },
    async (request) => services.exercises.report(actorOf(request), request.params.id),
  );
}
