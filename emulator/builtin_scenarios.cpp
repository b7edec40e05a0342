// The shipped scenarios (emulator/scenarios/*.json), compiled in so the emulator works
// wherever it is copied. Regenerate after editing a scenario file:
//   python3 emulator/scenarios/embed.py
// scenario_test checks that these texts and the files are identical.
#include <map>
#include <string>
#include <string_view>

#include "emulator/scenario.hpp"

namespace ssmlink::emulator {

namespace {

// clang-format off
const std::map<std::string, std::string_view, std::less<>> kScenarioTexts = {
{"boundary-excludes-ssmmessages", R"ssmlink_scenario({
  "description": "endpoints-present, and the role SSMInstanceRole has AmazonSSMManagedInstanceCore but a permissions boundary (customer policy SsmAgentBoundary) allowing only ssm:* and ec2messages:*: ssmmessages calls are implicitly denied; Online once the boundary is removed.",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "iam": {
    "policies": [
      {
        "name": "SsmAgentBoundary",
        "description": "Allows the agent's ssm and ec2messages calls only",
        "document": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": [
                "ssm:*",
                "ec2messages:*"
              ],
              "Resource": "*"
            }
          ]
        }
      }
    ],
    "roles": [
      {
        "name": "SSMInstanceRole",
        "trust": "ec2.amazonaws.com",
        "managedPolicies": [
          "AmazonSSMManagedInstanceCore"
        ],
        "permissionsBoundary": "arn:aws:iam::123456789012:policy/SsmAgentBoundary"
      }
    ],
    "instanceProfiles": [
      {
        "name": "SSMInstanceProfile",
        "role": "SSMInstanceRole"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        },
        {
          "id": "sg-0e1d2c3b4a5968701",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "ssm-endpoints",
          "description": "SSM endpoints: HTTPS from the VPC",
          "ingress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "10.0.0.0/16",
              "description": "HTTPS from the VPC"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [
        {
          "id": "vpce-0aaaaaaaaaaaaaaa1",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssm",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssm"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa2",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssmmessages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssmmessages"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa3",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ec2messages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ec2messages"
          }
        }
      ],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "iamInstanceProfile": {
            "arn": "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile"
          },
          "ssmAgent": {
            "installed": true,
            "version": "3.3.1142.0"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          }
        }
      ]
    }
  }
}
)ssmlink_scenario"},
{"dhmc-no-profile", R"ssmlink_scenario({
  "description": "endpoints-present without an instance profile, and Default Host Management Configuration on: its role service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole trusts ssm.amazonaws.com and has AmazonSSMManagedEC2InstanceDefaultPolicy; the instance requires IMDSv2 and runs agent 3.3.1142.0, so it is Online (IamRole shows the DHMC role).",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "iam": {
    "roles": [
      {
        "name": "AWSSystemsManagerDefaultEC2InstanceManagementRole",
        "path": "/service-role/",
        "trust": "ssm.amazonaws.com",
        "managedPolicies": [
          "AmazonSSMManagedEC2InstanceDefaultPolicy"
        ]
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "defaultHostManagement": "service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole",
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        },
        {
          "id": "sg-0e1d2c3b4a5968701",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "ssm-endpoints",
          "description": "SSM endpoints: HTTPS from the VPC",
          "ingress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "10.0.0.0/16",
              "description": "HTTPS from the VPC"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [
        {
          "id": "vpce-0aaaaaaaaaaaaaaa1",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssm",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssm"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa2",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssmmessages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssmmessages"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa3",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ec2messages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ec2messages"
          }
        }
      ],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "ssmAgent": {
            "installed": true,
            "version": "3.3.1142.0"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          },
          "httpTokens": "required"
        }
      ]
    }
  }
}
)ssmlink_scenario"},
{"dns-hostnames-off", R"ssmlink_scenario({
  "description": "The seed with enableDnsHostnames off: private-DNS endpoints cannot be created until it is turned on.",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": false,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "iamInstanceProfile": {
            "arn": "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile",
            "role": "SSMInstanceRole",
            "ssmCorePolicy": true
          },
          "ssmAgent": {
            "installed": true,
            "version": "3.3.1142.0"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          }
        }
      ]
    }
  }
}
)ssmlink_scenario"},
{"endpoints-present", R"ssmlink_scenario({
  "description": "The seed with ssm, ssmmessages and ec2messages interface endpoints already in place (private DNS, both subnets, a security group allowing HTTPS from the VPC): the instance is Online from the start.",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        },
        {
          "id": "sg-0e1d2c3b4a5968701",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "ssm-endpoints",
          "description": "SSM endpoints: HTTPS from the VPC",
          "ingress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "10.0.0.0/16",
              "description": "HTTPS from the VPC"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [
        {
          "id": "vpce-0aaaaaaaaaaaaaaa1",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssm",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssm"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa2",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssmmessages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssmmessages"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa3",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ec2messages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ec2messages"
          }
        }
      ],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "iamInstanceProfile": {
            "arn": "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile",
            "role": "SSMInstanceRole",
            "ssmCorePolicy": true
          },
          "ssmAgent": {
            "installed": true,
            "version": "3.3.1142.0"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          }
        }
      ]
    }
  }
}
)ssmlink_scenario"},
{"inline-deny", R"ssmlink_scenario({
  "description": "endpoints-present, and the role SSMInstanceRole has AmazonSSMManagedInstanceCore plus an inline policy DenySessionChannels denying ssmmessages:*: the explicit Deny wins, so the agent cannot open its control channel; Online once the inline policy is deleted.",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "iam": {
    "roles": [
      {
        "name": "SSMInstanceRole",
        "trust": "ec2.amazonaws.com",
        "managedPolicies": [
          "AmazonSSMManagedInstanceCore"
        ],
        "inlinePolicies": {
          "DenySessionChannels": {
            "Version": "2012-10-17",
            "Statement": [
              {
                "Effect": "Deny",
                "Action": "ssmmessages:*",
                "Resource": "*"
              }
            ]
          }
        }
      }
    ],
    "instanceProfiles": [
      {
        "name": "SSMInstanceProfile",
        "role": "SSMInstanceRole"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        },
        {
          "id": "sg-0e1d2c3b4a5968701",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "ssm-endpoints",
          "description": "SSM endpoints: HTTPS from the VPC",
          "ingress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "10.0.0.0/16",
              "description": "HTTPS from the VPC"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [
        {
          "id": "vpce-0aaaaaaaaaaaaaaa1",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssm",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssm"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa2",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssmmessages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssmmessages"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa3",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ec2messages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ec2messages"
          }
        }
      ],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "iamInstanceProfile": {
            "arn": "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile"
          },
          "ssmAgent": {
            "installed": true,
            "version": "3.3.1142.0"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          }
        }
      ]
    }
  }
}
)ssmlink_scenario"},
{"kms-preferences", R"ssmlink_scenario({
  "description": "endpoints-present, and Session Manager preferences encrypt sessions with KMS key 1234abcd-12ab-34cd-56ef-1234567890ab; the role SSMInstanceRole has AmazonSSMManagedInstanceCore only, without kms:Decrypt on the key: the instance is Online but sessions fail.",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "iam": {
    "roles": [
      {
        "name": "SSMInstanceRole",
        "trust": "ec2.amazonaws.com",
        "managedPolicies": [
          "AmazonSSMManagedInstanceCore"
        ]
      }
    ],
    "instanceProfiles": [
      {
        "name": "SSMInstanceProfile",
        "role": "SSMInstanceRole"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        },
        {
          "id": "sg-0e1d2c3b4a5968701",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "ssm-endpoints",
          "description": "SSM endpoints: HTTPS from the VPC",
          "ingress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "10.0.0.0/16",
              "description": "HTTPS from the VPC"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [
        {
          "id": "vpce-0aaaaaaaaaaaaaaa1",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssm",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssm"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa2",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssmmessages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssmmessages"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa3",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ec2messages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ec2messages"
          }
        }
      ],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "iamInstanceProfile": {
            "arn": "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile"
          },
          "ssmAgent": {
            "installed": true,
            "version": "3.3.1142.0"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          }
        }
      ],
      "sessionPreferences": {
        "kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    }
  }
}
)ssmlink_scenario"},
{"kms-preferences-allowed", R"ssmlink_scenario({
  "description": "kms-preferences, and the role SSMInstanceRole also has an inline policy AllowSessionKey allowing kms:Decrypt on the key: Online and sessions work.",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "iam": {
    "roles": [
      {
        "name": "SSMInstanceRole",
        "trust": "ec2.amazonaws.com",
        "managedPolicies": [
          "AmazonSSMManagedInstanceCore"
        ],
        "inlinePolicies": {
          "AllowSessionKey": {
            "Version": "2012-10-17",
            "Statement": [
              {
                "Effect": "Allow",
                "Action": "kms:Decrypt",
                "Resource": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
              }
            ]
          }
        }
      }
    ],
    "instanceProfiles": [
      {
        "name": "SSMInstanceProfile",
        "role": "SSMInstanceRole"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        },
        {
          "id": "sg-0e1d2c3b4a5968701",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "ssm-endpoints",
          "description": "SSM endpoints: HTTPS from the VPC",
          "ingress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "10.0.0.0/16",
              "description": "HTTPS from the VPC"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [
        {
          "id": "vpce-0aaaaaaaaaaaaaaa1",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssm",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssm"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa2",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssmmessages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssmmessages"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa3",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ec2messages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ec2messages"
          }
        }
      ],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "iamInstanceProfile": {
            "arn": "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile"
          },
          "ssmAgent": {
            "installed": true,
            "version": "3.3.1142.0"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          }
        }
      ],
      "sessionPreferences": {
        "kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    }
  }
}
)ssmlink_scenario"},
{"no-agent", R"ssmlink_scenario({
  "description": "The seed with no SSM Agent on the instance: no path even once the endpoints exist.",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "iamInstanceProfile": {
            "arn": "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile",
            "role": "SSMInstanceRole",
            "ssmCorePolicy": true
          },
          "ssmAgent": {
            "installed": false
          },
          "platform": {
            "type": "Linux",
            "name": "Red Hat Enterprise Linux",
            "version": "9.4"
          },
          "tags": {
            "Name": "seed-instance"
          }
        }
      ]
    }
  }
}
)ssmlink_scenario"},
{"no-egress-443", R"ssmlink_scenario({
  "description": "The seed, but the instance's security group allows only HTTP (80) out: nothing reaches the endpoints on 443.",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTP out only",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 80,
              "cidr": "0.0.0.0/0",
              "description": "HTTP out"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "iamInstanceProfile": {
            "arn": "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile",
            "role": "SSMInstanceRole",
            "ssmCorePolicy": true
          },
          "ssmAgent": {
            "installed": true,
            "version": "3.3.1142.0"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          }
        }
      ]
    }
  }
}
)ssmlink_scenario"},
{"no-instance-profile", R"ssmlink_scenario({
  "description": "The seed without an instance profile (and Default Host Management Configuration off): no path even once the endpoints exist.",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "ssmAgent": {
            "installed": true,
            "version": "3.3.1142.0"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          }
        }
      ]
    }
  }
}
)ssmlink_scenario"},
{"port-forwarding", R"ssmlink_scenario({
  "description": "endpoints-present, and the instance reaches db.internal (mapped to 127.0.0.1) for AWS-StartPortForwardingSessionToRemoteHost: port sessions run in multiplexed (smux) mode.",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        },
        {
          "id": "sg-0e1d2c3b4a5968701",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "ssm-endpoints",
          "description": "SSM endpoints: HTTPS from the VPC",
          "ingress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "10.0.0.0/16",
              "description": "HTTPS from the VPC"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [
        {
          "id": "vpce-0aaaaaaaaaaaaaaa1",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssm",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssm"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa2",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssmmessages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssmmessages"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa3",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ec2messages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ec2messages"
          }
        }
      ],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "iamInstanceProfile": {
            "arn": "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile",
            "role": "SSMInstanceRole",
            "ssmCorePolicy": true
          },
          "ssmAgent": {
            "installed": true,
            "version": "3.3.1142.0"
          },
          "hosts": {
            "db.internal": "127.0.0.1"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          }
        }
      ]
    }
  }
}
)ssmlink_scenario"},
{"port-forwarding-basic", R"ssmlink_scenario({
  "description": "port-forwarding with SSM Agent 3.0.196.0: too old for multiplexing, so port sessions run in basic mode (one connection at a time).",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        },
        {
          "id": "sg-0e1d2c3b4a5968701",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "ssm-endpoints",
          "description": "SSM endpoints: HTTPS from the VPC",
          "ingress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "10.0.0.0/16",
              "description": "HTTPS from the VPC"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [
        {
          "id": "vpce-0aaaaaaaaaaaaaaa1",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssm",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssm"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa2",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssmmessages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssmmessages"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa3",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ec2messages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ec2messages"
          }
        }
      ],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "iamInstanceProfile": {
            "arn": "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile",
            "role": "SSMInstanceRole",
            "ssmCorePolicy": true
          },
          "ssmAgent": {
            "installed": true,
            "version": "3.0.196.0"
          },
          "hosts": {
            "db.internal": "127.0.0.1"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          }
        }
      ]
    }
  }
}
)ssmlink_scenario"},
{"public-subnet", R"ssmlink_scenario({
  "description": "A public subnet: the subnet routes 0.0.0.0/0 to an internet gateway and the instance has a public IP, so it is Online from the start without endpoints.",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-public-a"
          },
          "mapPublicIpOnLaunch": true
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        },
        {
          "id": "rtb-0b2c3d4e5f6a7b8c9",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "subnets": [
            "subnet-0123456789abcdef0"
          ],
          "routes": [
            {
              "destination": "0.0.0.0/0",
              "target": "igw-0b1c2d3e4f5a6b7c8"
            }
          ],
          "tags": {
            "Name": "seed-public"
          }
        }
      ],
      "vpcEndpoints": [],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "iamInstanceProfile": {
            "arn": "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile",
            "role": "SSMInstanceRole",
            "ssmCorePolicy": true
          },
          "ssmAgent": {
            "installed": true,
            "version": "3.3.1142.0"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          },
          "publicIp": "203.0.113.10"
        }
      ]
    }
  }
}
)ssmlink_scenario"},
{"role-without-ssm-policy", R"ssmlink_scenario({
  "description": "endpoints-present, but the instance profile's role SSMInstanceRole has only ReadOnlyAccess, which allows none of the agent's calls (ssm:UpdateInstanceInformation, ssmmessages:*): not Online until AmazonSSMManagedInstanceCore is attached.",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "iam": {
    "roles": [
      {
        "name": "SSMInstanceRole",
        "trust": "ec2.amazonaws.com",
        "managedPolicies": [
          "ReadOnlyAccess"
        ]
      }
    ],
    "instanceProfiles": [
      {
        "name": "SSMInstanceProfile",
        "role": "SSMInstanceRole"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        },
        {
          "id": "sg-0e1d2c3b4a5968701",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "ssm-endpoints",
          "description": "SSM endpoints: HTTPS from the VPC",
          "ingress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "10.0.0.0/16",
              "description": "HTTPS from the VPC"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [
        {
          "id": "vpce-0aaaaaaaaaaaaaaa1",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssm",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssm"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa2",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ssmmessages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ssmmessages"
          }
        },
        {
          "id": "vpce-0aaaaaaaaaaaaaaa3",
          "type": "Interface",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "service": "com.amazonaws.us-east-1.ec2messages",
          "subnets": [
            "subnet-0123456789abcdef0",
            "subnet-0fedcba9876543210"
          ],
          "securityGroups": [
            "sg-0e1d2c3b4a5968701"
          ],
          "privateDns": true,
          "tags": {
            "Name": "existing-ec2messages"
          }
        }
      ],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "iamInstanceProfile": {
            "arn": "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile"
          },
          "ssmAgent": {
            "installed": true,
            "version": "3.3.1142.0"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          }
        }
      ]
    }
  }
}
)ssmlink_scenario"},
{"seed", R"ssmlink_scenario({
  "description": "The seed's case: a private subnet with DNS support and hostnames on, no VPC endpoints, no NAT or internet gateway; one Amazon Linux instance with SSM Agent 3.3 and an instance profile with AmazonSSMManagedInstanceCore, whose security group allows HTTPS out to anywhere. Not Online until the ssm and ssmmessages endpoints exist.",
  "account": {
    "id": "123456789012",
    "accessKeys": [
      {
        "accessKeyId": "test",
        "secretAccessKey": "test",
        "arn": "arn:aws:iam::123456789012:user/emulator"
      }
    ]
  },
  "regions": {
    "us-east-1": {
      "vpcs": [
        {
          "id": "vpc-0f00d1e2c3b4a5968",
          "cidr": "10.0.0.0/16",
          "enableDnsSupport": true,
          "enableDnsHostnames": true,
          "tags": {
            "Name": "seed-vpc"
          }
        }
      ],
      "subnets": [
        {
          "id": "subnet-0123456789abcdef0",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1a",
          "cidr": "10.0.1.0/24",
          "tags": {
            "Name": "seed-private-a"
          }
        },
        {
          "id": "subnet-0fedcba9876543210",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "availabilityZone": "us-east-1b",
          "cidr": "10.0.2.0/24",
          "tags": {
            "Name": "seed-private-b"
          }
        }
      ],
      "securityGroups": [
        {
          "id": "sg-0d0e0f1a2b3c4d5e6",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "default",
          "description": "default VPC security group"
        },
        {
          "id": "sg-0aa11bb22cc33dd44",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "name": "seed-instance",
          "description": "The instance: HTTPS out to anywhere",
          "ingress": [],
          "egress": [
            {
              "protocol": "tcp",
              "port": 443,
              "cidr": "0.0.0.0/0",
              "description": "HTTPS out"
            }
          ]
        }
      ],
      "networkAcls": [
        {
          "id": "acl-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "default": true
        }
      ],
      "routeTables": [
        {
          "id": "rtb-0a1b2c3d4e5f6a7b8",
          "vpc": "vpc-0f00d1e2c3b4a5968",
          "main": true,
          "routes": [],
          "tags": {
            "Name": "seed-private"
          }
        }
      ],
      "vpcEndpoints": [],
      "instances": [
        {
          "id": "i-0a1b2c3d4e5f67890",
          "subnet": "subnet-0123456789abcdef0",
          "privateIp": "10.0.1.10",
          "securityGroups": [
            "sg-0aa11bb22cc33dd44"
          ],
          "iamInstanceProfile": {
            "arn": "arn:aws:iam::123456789012:instance-profile/SSMInstanceProfile",
            "role": "SSMInstanceRole",
            "ssmCorePolicy": true
          },
          "ssmAgent": {
            "installed": true,
            "version": "3.3.1142.0"
          },
          "platform": {
            "type": "Linux",
            "name": "Amazon Linux",
            "version": "2023"
          },
          "tags": {
            "Name": "seed-instance"
          }
        }
      ]
    }
  }
}
)ssmlink_scenario"},
};
// clang-format on

}  // namespace

std::vector<std::string> builtin_scenario_names() {
  std::vector<std::string> names;
  for (const auto& [name, text] : kScenarioTexts)
    names.push_back(name);
  return names;
}

std::string_view builtin_scenario_text(const std::string& name) {
  auto it = kScenarioTexts.find(name);
  if (it == kScenarioTexts.end()) {
    std::string known;
    for (const auto& [known_name, text] : kScenarioTexts)
      known += " " + known_name;
    throw ScenarioError("no built-in scenario \"" + name + "\" (built in:" + known + ")");
  }
  return it->second;
}

const nlohmann::json& builtin_scenario(const std::string& name) {
  static const std::map<std::string, nlohmann::json, std::less<>> parsed = [] {
    std::map<std::string, nlohmann::json, std::less<>> out;
    for (const auto& [known, text] : kScenarioTexts)
      out[known] = nlohmann::json::parse(text);
    return out;
  }();
  builtin_scenario_text(name);  // throws for an unknown name
  return parsed.at(name);
}

}  // namespace ssmlink::emulator
