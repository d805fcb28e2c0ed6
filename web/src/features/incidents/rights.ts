import { useMemo } from 'react';
import { Permission } from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';

export interface IncidentRights {
  /** Report an incident (a facility: about itself). */
  report: boolean;
  /** Command incidents: assess, move, give tasks, organise exercises. */
  manage: boolean;
  /** The facility the user works for (a facility operator), or null for officials and responders. */
  myFacilityId: number | null;
  /** Look up facilities and sources of the registry (for the pickers of the report form). */
  readFacilities: boolean;
  readSources: boolean;
  /** Read the monitoring network (the stations near an incident). */
  readStations: boolean;
}

/** What the signed-in user may do with incidents, for showing only what will work (the server checks again). */
export function useIncidentRights(): IncidentRights {
  const { me, can } = useAuth();
  return useMemo(
    () => ({
      report: can(Permission.IncidentReport),
      manage: can(Permission.IncidentManage),
      myFacilityId: me && me.organisation.kind === 'facility' ? me.organisationId : null,
      readFacilities: can(Permission.FacilityRead),
      readSources: can(Permission.SourceRead),
      readStations: can(Permission.StationRead),
    }),
    [me, can],
  );
}
