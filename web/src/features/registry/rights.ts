import { useMemo } from 'react';
import { Permission } from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';

export interface RegistryRights {
  /** The facility the user works for (a facility operator), or null for officials. */
  myFacilityId: number | null;
  canCreateFacility: boolean;
  canEditFacility: (facilityId: number) => boolean;
  /** A facility's own staff keep only contacts and the radiation safety officer up to date. */
  facilityEditLimited: boolean;
  canCreateSource: boolean;
  canManageSource: (facilityId: number) => boolean;
  canCreateDevice: boolean;
  canManageDevice: (facilityId: number) => boolean;
  canReadApplications: boolean;
  /** Only a facility's own staff fill in and send its applications. */
  canApply: boolean;
  canApplyFor: (facilityId: number) => boolean;
  canProcess: boolean;
  canDecide: boolean;
  /** Serial, activity and location of category 1–3 sources of other holders. */
  canReadSensitive: boolean;
}

/** What the signed-in user may do in the registry, for showing only the buttons that will work. */
export function useRegistryRights(): RegistryRights {
  const { me, can } = useAuth();
  return useMemo(() => {
    const myFacilityId = me && me.organisation.kind === 'facility' ? me.organisationId : null;
    const own = (facilityId: number) => myFacilityId !== null && myFacilityId === facilityId;
    const manageSources = can(Permission.SourceManage);
    const manageDevices = can(Permission.DeviceManage);
    const submitOwn = can(Permission.ApplicationSubmitOwn);
    return {
      myFacilityId,
      canCreateFacility: can(Permission.FacilityManage),
      canEditFacility: (id) =>
        can(Permission.FacilityManage) || (can(Permission.FacilityUpdateOwn) && own(id)),
      facilityEditLimited: !can(Permission.FacilityManage),
      canCreateSource: manageSources || (can(Permission.SourceManageOwn) && myFacilityId !== null),
      canManageSource: (id) => manageSources || (can(Permission.SourceManageOwn) && own(id)),
      canCreateDevice: manageDevices || (can(Permission.DeviceManageOwn) && myFacilityId !== null),
      canManageDevice: (id) => manageDevices || (can(Permission.DeviceManageOwn) && own(id)),
      canReadApplications: can(Permission.ApplicationRead),
      canApply: submitOwn && myFacilityId !== null,
      canApplyFor: (id) => submitOwn && own(id),
      canProcess: can(Permission.ApplicationProcess),
      canDecide: can(Permission.ApplicationDecide),
      canReadSensitive: can(Permission.SourceReadSensitive),
    };
  }, [me, can]);
}
