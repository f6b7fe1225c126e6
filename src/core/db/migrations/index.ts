import type { Migration } from 'kysely';
import * as m0001 from './20261122_0001_users.js';
import * as m0002 from './20261122_0002_sessions.js';
import * as m0003 from './20261122_0003_admin_invites.js';
import * as m0004 from './20261122_0004_audit_events.js';
import * as m0005 from './20261122_0005_media.js';
import * as m0006 from './20261122_0006_guides.js';
import * as m0007 from './20261122_0007_guide_sections.js';
import * as m0008 from './20261122_0008_guide_figures.js';
import * as m0009 from './20261122_0009_guide_related.js';
import * as m0010 from './20261122_0010_guide_revisions.js';
import * as m0011 from './20261122_0011_guides_public_doc.js';
import * as m0012 from './20261122_0012_guides_public_html.js';
import * as m0013 from './20261122_0013_jobs.js';
import * as m0014 from './20261122_0014_job_schedules.js';
import * as m0015 from './20261122_0015_mail_messages.js';
import * as m0016 from './20261122_0016_contact_messages.js';
import * as m0017 from './20261122_0017_newsletters.js';
import * as m0018 from './20261122_0018_consultations.js';
import * as m0019 from './20261122_0019_account_columns.js';
import * as m0020 from './20261122_0020_existing_users_verified.js';
import * as m0021 from './20261122_0021_account_tokens.js';
import * as m0022 from './20261122_0022_sign_in_throttle.js';
import * as m0023 from './20261122_0023_professional_profiles.js';
import * as m0024 from './20261122_0024_account_token_email.js';
import * as m0025 from './20261122_0025_audit_append_only.js';
import * as m0030 from './20261122_0030_two_factor.js';
import * as m0031 from './20261122_0031_passkeys.js';
import * as m0032 from './20261122_0032_cookie_consents.js';
import * as m0033 from './20261122_0033_privacy_requests.js';
import * as m0040 from './20261122_0040_media_kinds.js';
import * as m0045 from './20261206_0045_reveal_sensitive_media.js';
import * as m0050 from './20261206_0050_session_second_factor.js';
import * as m0051 from './20261206_0051_known_devices.js';
import * as m0060 from './20261206_0060_privacy_exports.js';
import * as m0061 from './20261206_0061_user_objections.js';
import * as m0090 from './20261206_0090_library.js';
import * as m0091 from './20261206_0091_library_full_revisions.js';
import * as m0070 from './20261206_0070_policy_versions.js';
import * as m0071 from './20261206_0071_shine_the_light.js';
import * as m0072 from './20261206_0072_retention_runs.js';
import * as m0073 from './20261206_0073_breaches.js';
import * as m0074 from './20261206_0074_form_policy_version.js';
import * as m0075 from './20261206_0075_privacy_request_policy_version.js';
import * as m0080 from './20261206_0080_search.js';
import * as m0081 from './20261206_0081_search_index_format.js';
import * as m0082 from './20261206_0082_search_index_format_row.js';

/** Every migration, in order. Listed statically so the compiled build and tsx see the same set. */
export const migrations: Record<string, Migration> = {
  '20261122_0001_users': m0001,
  '20261122_0002_sessions': m0002,
  '20261122_0003_admin_invites': m0003,
  '20261122_0004_audit_events': m0004,
  '20261122_0005_media': m0005,
  '20261122_0006_guides': m0006,
  '20261122_0007_guide_sections': m0007,
  '20261122_0008_guide_figures': m0008,
  '20261122_0009_guide_related': m0009,
  '20261122_0010_guide_revisions': m0010,
  '20261122_0011_guides_public_doc': m0011,
  '20261122_0012_guides_public_html': m0012,
  '20261122_0013_jobs': m0013,
  '20261122_0014_job_schedules': m0014,
  '20261122_0015_mail_messages': m0015,
  '20261122_0016_contact_messages': m0016,
  '20261122_0017_newsletters': m0017,
  '20261122_0018_consultations': m0018,
  '20261122_0019_account_columns': m0019,
  '20261122_0020_existing_users_verified': m0020,
  '20261122_0021_account_tokens': m0021,
  '20261122_0022_sign_in_throttle': m0022,
  '20261122_0023_professional_profiles': m0023,
  '20261122_0024_account_token_email': m0024,
  '20261122_0025_audit_append_only': m0025,
  '20261122_0030_two_factor': m0030,
  '20261122_0031_passkeys': m0031,
  '20261122_0032_cookie_consents': m0032,
  '20261122_0033_privacy_requests': m0033,
  '20261122_0040_media_kinds': m0040,
  '20261206_0045_reveal_sensitive_media': m0045,
  '20261206_0050_session_second_factor': m0050,
  '20261206_0051_known_devices': m0051,
  '20261206_0060_privacy_exports': m0060,
  '20261206_0061_user_objections': m0061,
  '20261206_0090_library': m0090,
  '20261206_0091_library_full_revisions': m0091,
  '20261206_0070_policy_versions': m0070,
  '20261206_0071_shine_the_light': m0071,
  '20261206_0072_retention_runs': m0072,
  '20261206_0073_breaches': m0073,
  '20261206_0074_form_policy_version': m0074,
  '20261206_0075_privacy_request_policy_version': m0075,
  '20261206_0080_search': m0080,
  '20261206_0081_search_index_format': m0081,
  '20261206_0082_search_index_format_row': m0082,
};
