import { defineNonPersonalData, definePersonalData } from '../privacy/registry.js';

definePersonalData({
  table: 'jobs',
  owner: 'core/jobs',
  subjects: ['member', 'subscriber', 'correspondent', 'patient'],
  lawfulBasis: 'legitimate_interests',
  retention: { rule: 'days', days: 30, from: 'finished_at' },
  link: {},
  personal: { last_error: 'technical' },
  other: ['id', 'name', 'payload', 'status', 'attempts', 'max_attempts', 'run_at', 'lease_until', 'locked_by', 'request_id', 'created_at', 'updated_at', 'finished_at'],
});

defineNonPersonalData({ table: 'job_schedules', owner: 'core/jobs', columns: ['name', 'cron', 'next_run_at', 'last_run_at'] });
