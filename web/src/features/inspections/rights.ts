import { useMemo } from 'react';
import { Permission, type Inspection, type InspectionStatus } from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { useRegistryRights } from '../registry/rights';

/** Closed and cancelled inspections are history: the server refuses every change. */
export function isFinal(status: InspectionStatus): boolean {
  return status === 'closed' || status === 'cancelled';
}

export interface InspectionRights {
  /** The facility the user works for (a facility operator), or null for officials. */
  myFacilityId: number | null;
  /** Plan, carry out, record findings and verify corrections (Department officers and inspectors). */
  manage: boolean;
  /** The facility reports the correction of findings addressed to it. */
  canRespond: (inspection: Pick<Inspection, 'facilityId' | 'status'>) => boolean;
  /** Names of the inspectors: only for users who may read the Department's accounts. */
  seesNames: boolean;
}

/** What the signed-in user may do with inspections, for showing only the buttons that will work. */
export function useInspectionRights(): InspectionRights {
  const { me, can } = useAuth();
  const { myFacilityId } = useRegistryRights();
  return useMemo(() => {
    const manage = can(Permission.InspectionManage);
    return {
      myFacilityId,
      manage,
      canRespond: (inspection) =>
        !manage &&
        can(Permission.InspectionRespondOwn) &&
        myFacilityId !== null &&
        myFacilityId === inspection.facilityId &&
        !isFinal(inspection.status),
      seesNames: can(Permission.UserRead) && me?.scope === 'province',
    };
  }, [me, can, myFacilityId]);
}
