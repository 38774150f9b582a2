// CloudFront policy signatures for Keyfront's batch hot path, through the OpenSSL that Node
// itself is built with (addons link against the symbols Node exports).
//
// Why native: node:crypto's one-shot sign() sets up a digest context, fetches the signature
// algorithm and builds a key context on every call. For ECDSA P-256 that setup is a third of the
// work of a signature, which keeps Node well below `openssl speed ecdsap256`. Here the key and its
// signing context are made once per signer, as `openssl speed` does, and each call only hashes the
// policy, signs the digest and encodes the signature.
//
// Signatures are what node:crypto makes: RSA PKCS#1 v1.5 (byte-identical, tests compare them)
// and DER-encoded ECDSA, over SHA-1 or SHA-256 of the policy's UTF-8 bytes.
#include <node_api.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  EVP_PKEY *key;
  EVP_PKEY_CTX *sign_ctx;
  EVP_MD *md;
} signer_t;

static void signer_free(signer_t *signer) {
  EVP_PKEY_CTX_free(signer->sign_ctx);
  EVP_MD_free(signer->md);
  EVP_PKEY_free(signer->key);  // clears the private key's numbers before freeing them
  free(signer);
}

static void finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  signer_free(data);
}

static napi_value fail(napi_env env, const char *message) {
  ERR_clear_error();  // the error queue is Node's too: leave nothing in it for node:crypto
  napi_throw_error(env, NULL, message);
  return NULL;
}

// createSigner(pkcs8Der: Uint8Array, hash: 'sha1' | 'sha256'): NativeSigner
static napi_value create_signer(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 2) {
    return fail(env, "createSigner(pkcs8Der, hash) takes two arguments");
  }
  bool is_typed_array = false;
  napi_is_typedarray(env, argv[0], &is_typed_array);
  if (!is_typed_array) return fail(env, "the key must be PKCS#8 DER bytes");
  void *der = NULL;
  size_t der_length = 0;
  napi_typedarray_type type;
  napi_get_typedarray_info(env, argv[0], &type, &der_length, &der, NULL, NULL);
  if (type != napi_uint8_array) return fail(env, "the key must be PKCS#8 DER bytes");

  char hash[8] = {0};
  size_t hash_length = 0;
  if (napi_get_value_string_utf8(env, argv[1], hash, sizeof hash, &hash_length) != napi_ok) {
    return fail(env, "the hash must be 'sha1' or 'sha256'");
  }
  const char *md_name = strcmp(hash, "sha1") == 0 ? "SHA1" : strcmp(hash, "sha256") == 0 ? "SHA256" : NULL;
  if (md_name == NULL) return fail(env, "the hash must be 'sha1' or 'sha256'");

  signer_t *signer = calloc(1, sizeof *signer);
  if (signer == NULL) return fail(env, "out of memory");
  const unsigned char *cursor = der;
  signer->key = d2i_AutoPrivateKey(NULL, &cursor, (long)der_length);
  signer->md = EVP_MD_fetch(NULL, md_name, NULL);
  if (signer->key == NULL || signer->md == NULL) {
    signer_free(signer);
    return fail(env, "OpenSSL could not read this private key");
  }
  int base_id = EVP_PKEY_get_base_id(signer->key);
  if (base_id != EVP_PKEY_RSA && base_id != EVP_PKEY_EC) {
    signer_free(signer);
    return fail(env, "only RSA and EC keys sign CloudFront policies");
  }
  signer->sign_ctx = EVP_PKEY_CTX_new(signer->key, NULL);
  if (signer->sign_ctx == NULL || EVP_PKEY_sign_init(signer->sign_ctx) <= 0 ||
      (base_id == EVP_PKEY_RSA && EVP_PKEY_CTX_set_rsa_padding(signer->sign_ctx, RSA_PKCS1_PADDING) <= 0) ||
      EVP_PKEY_CTX_set_signature_md(signer->sign_ctx, signer->md) <= 0) {
    signer_free(signer);
    return fail(env, "OpenSSL could not prepare this key for signing");
  }
  napi_value result;
  if (napi_create_external(env, signer, finalize, NULL, &result) != napi_ok) {
    signer_free(signer);
    return fail(env, "could not hand the signer to JavaScript");
  }
  return result;
}

// CloudFront's URL-safe base64: '+' → '-', '/' → '~', '=' → '_'.
static const char ALPHABET[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-~";

static size_t encode(const unsigned char *in, size_t length, char *out) {
  size_t o = 0;
  size_t i = 0;
  for (; i + 2 < length; i += 3) {
    unsigned int n = (unsigned int)in[i] << 16 | (unsigned int)in[i + 1] << 8 | in[i + 2];
    out[o++] = ALPHABET[n >> 18 & 63];
    out[o++] = ALPHABET[n >> 12 & 63];
    out[o++] = ALPHABET[n >> 6 & 63];
    out[o++] = ALPHABET[n & 63];
  }
  if (i < length) {
    unsigned int n = (unsigned int)in[i] << 16 | (i + 1 < length ? (unsigned int)in[i + 1] << 8 : 0);
    out[o++] = ALPHABET[n >> 18 & 63];
    out[o++] = ALPHABET[n >> 12 & 63];
    out[o++] = i + 1 < length ? ALPHABET[n >> 6 & 63] : '_';
    out[o++] = '_';
  }
  return o;
}

// A policy is at most a few kilobytes (a signed URL is at most 8,192 bytes); larger ones are
// copied to the heap.
#define STACK_POLICY 16384
#define MAX_SIGNATURE 512

// sign(signer: NativeSigner, policy: string): string
static napi_value sign(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  signer_t *signer = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 2 ||
      napi_get_value_external(env, argv[0], (void **)&signer) != napi_ok || signer == NULL) {
    return fail(env, "sign(signer, policy) takes a signer and a policy");
  }
  char stack_policy[STACK_POLICY];
  char *policy = stack_policy;
  size_t length = 0;
  if (napi_get_value_string_utf8(env, argv[1], stack_policy, sizeof stack_policy, &length) != napi_ok) {
    return fail(env, "the policy must be a string");
  }
  if (length >= sizeof stack_policy - 1) {
    napi_get_value_string_utf8(env, argv[1], NULL, 0, &length);
    policy = malloc(length + 1);
    if (policy == NULL) return fail(env, "out of memory");
    napi_get_value_string_utf8(env, argv[1], policy, length + 1, &length);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  int hashed = EVP_Digest(policy, length, digest, &digest_length, signer->md, NULL);
  if (policy != stack_policy) free(policy);
  if (!hashed) return fail(env, "OpenSSL could not hash the policy");

  unsigned char signature[MAX_SIGNATURE];
  size_t signature_length = sizeof signature;
  if (EVP_PKEY_sign(signer->sign_ctx, signature, &signature_length, digest, digest_length) <= 0) {
    return fail(env, "OpenSSL could not sign the policy");
  }
  char encoded[(MAX_SIGNATURE + 2) / 3 * 4];
  size_t encoded_length = encode(signature, signature_length, encoded);
  napi_value result;
  napi_create_string_latin1(env, encoded, encoded_length, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value function;
  napi_create_function(env, "createSigner", NAPI_AUTO_LENGTH, create_signer, NULL, &function);
  napi_set_named_property(env, exports, "createSigner", function);
  napi_create_function(env, "sign", NAPI_AUTO_LENGTH, sign, NULL, &function);
  napi_set_named_property(env, exports, "sign", function);
  return exports;
}
