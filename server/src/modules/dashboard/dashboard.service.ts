import { Permission, type DashboardSummary } from '@sievert/core';
import type { Db } from '../../db/database.js';
import { dataScope, requirePermission, type Actor } from '../auth/actor.js';
import type { OrganisationService } from '../auth/organisation.service.js';
import type { UserService } from '../auth/user.service.js';
import type { GeoService } from '../geo/geo.service.js';

/** Everything the home page shows at first paint, in one answer, counted within the caller's scope. */
export class DashboardService {
  constructor(
    private readonly db: Db,
    private readonly geo: GeoService,
    private readonly organisations: OrganisationService,
    private readonly users: UserService,
  ) {}

  async summary(actor: Actor): Promise<DashboardSummary> {
    requirePermission(actor, Permission.DashboardRead);
    const scope = dataScope(actor);
    const [province, communes, byKind, facilities, users] = await Promise.all([
      this.geo.provinceSummary(),
      this.geo.communeCounts(),
      this.organisations.repo.countByKind(this.db, scope),
      this.organisations.repo.countFacilitiesByCommune(this.db, scope),
      this.users.countActive(actor),
    ]);
    return {
      province: { name: province.name, nameEn: province.nameEn, population: province.population },
      communes: { total: communes.total, wards: communes.wards, rural: communes.total - communes.wards },
      organisations: byKind,
      users,
      facilitiesByCommune: facilities,
      scope: scope.level,
    };
  }
}
