/** The table the secrets adapter owns: the fingerprint of the data key the database expects. */
export interface SecretsTables {
  platform_data_key: { id: number; fingerprint: string }
}
