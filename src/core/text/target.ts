/** The reading grade guides aim for (most patient-education advice says grade 6 to 8). */
export const TARGET_GRADE = 8;
