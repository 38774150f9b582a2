{
  "targets": [
    {
      "target_name": "keyfront_signer",
      "sources": ["signer.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Werror"],
      # Bind every symbol at load time: where the host has no OpenSSL to lend (Electron ships
      # BoringSSL), loading fails at once — and Keyfront signs with node:crypto — instead of the
      # process dying at the first call.
      "ldflags": ["-Wl,-z,now"]
    }
  ]
}
