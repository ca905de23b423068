#pragma once
// The simple named resources of the service (encoder and storage configurations, public keys,
// ingest configurations): one description each, so that the count quota of their create, their
// Get and their paginated List are written once (in resourcekinds.cpp).

#include <initializer_list>

namespace gr::local
{

struct ResourceKind {
    const char *title;          // in messages: "Encoder configuration"
    const char *plural;         // in quota messages: "encoder configurations"
    const char *member;         // the Get output's member: "encoderConfiguration"
    const char *listOperation;  // "ListEncoderConfigurations"
    const char *listMember;     // "encoderConfigurations"
    const char *const *summary; // the members a list item carries, null-terminated
    int pageSize;               // the list's default maxResults
    int maxCount;               // resources per account and region
};

extern const ResourceKind kEncoderConfigurations;
extern const ResourceKind kStorageConfigurations;
extern const ResourceKind kPublicKeys;
extern const ResourceKind kIngestConfigurations;

} // namespace gr::local
