export const queryKeys = {
  devUsers: ["dev-users"] as const,
  service: (name: string) => ["service", name] as const,
};
